import { ElMessage } from 'element-plus';
import { computed, type Ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiRequestError } from '@/api/http';

/**
 * An error as the user reads it: the code translated (server keys come from shared/messages.ts),
 * and per field the reason in the current language (the server sends "中文 / English").
 */
export function useApiError(error: Ref<unknown>) {
  const { t, te, locale } = useI18n();

  const message = computed(() => {
    const e = error.value;
    if (!e) return '';
    if (e instanceof ApiRequestError) return te(e.code) ? t(e.code) : e.message;
    return t('errors.internal');
  });

  /** Every field error in the server's order (an import names many rows of one column). */
  const fieldList = computed<{ field: string; message: string }[]>(() => {
    const e = error.value;
    if (!(e instanceof ApiRequestError)) return [];
    const english = locale.value === 'en-US';
    return e.fields.map((f) => {
      const [zh, en] = f.message.split(' / ');
      return { field: f.field, message: (english ? en : zh) ?? f.message };
    });
  });

  const fields = computed<Record<string, string>>(() =>
    Object.fromEntries(fieldList.value.map((f) => [f.field, f.message])),
  );

  return { message, fields, fieldList };
}

/** A kept error code as text (an outbox stores the code, not the error); an unknown one reads as internal. */
export function useCodeText(): (code: string) => string {
  const { t, te } = useI18n();
  return (code) => (te(code) ? t(code) : t('errors.internal'));
}

/**
 * For actions without a form to hold the error (a row's save or delete): a toast with the first
 * field's reason, or the code translated.
 */
export function useErrorToast(): (e: unknown) => void {
  const error = shallowRef<unknown>(null);
  const { message, fieldList } = useApiError(error);
  return (e) => {
    error.value = e;
    ElMessage.error(fieldList.value[0]?.message ?? message.value);
  };
}
