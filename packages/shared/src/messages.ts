/**
 * Error and notice texts by key, in both languages. The server answers with the key and the text in
 * the caller's language; the client's vue-i18n loads the same table, so the two never drift.
 */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

export const MESSAGES = {
  'errors.validation': { 'zh-CN': '输入有误', 'en-US': 'Invalid input' },
  'errors.not_found': { 'zh-CN': '未找到该对象', 'en-US': 'Not found' },
  'errors.forbidden': { 'zh-CN': '无权执行此操作', 'en-US': 'You are not allowed to do this' },
  'errors.unauthorized': { 'zh-CN': '请先登录', 'en-US': 'Please log in' },
  'errors.conflict': {
    'zh-CN': '该对象已被他人修改，请在最新状态上重新操作',
    'en-US': 'Someone else changed this item; reapply your change on the current state',
  },
  'errors.duplicate': { 'zh-CN': '已存在相同记录', 'en-US': 'A record with the same key already exists' },
  'errors.in_use': { 'zh-CN': '仍被其他数据引用，无法删除', 'en-US': 'Still referenced by other data' },
  'errors.payload_too_large': { 'zh-CN': '文件或请求过大', 'en-US': 'File or request too large' },
  'errors.unsupported_media_type': { 'zh-CN': '不支持的文件类型', 'en-US': 'Unsupported file type' },
  'errors.rate_limited': { 'zh-CN': '请求过于频繁，请稍后再试', 'en-US': 'Too many requests, try again later' },
  'errors.import_failed': {
    'zh-CN': '导入失败，未写入任何数据，请按行列修正后重试',
    'en-US': 'Import failed; nothing was written. Fix the listed rows and columns and retry',
  },
  'errors.internal': { 'zh-CN': '服务器内部错误', 'en-US': 'Internal server error' },
  'errors.transition_not_allowed': {
    'zh-CN': '当前状态下不允许该操作',
    'en-US': 'This action is not allowed in the current state',
  },
  'errors.role_not_allowed': { 'zh-CN': '您的角色不能执行该操作', 'en-US': 'Your role cannot take this action' },
  'errors.outside_area': { 'zh-CN': '位置不在任何网格内', 'en-US': 'The location is not inside any grid' },
  'errors.login_failed': { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  'errors.account_locked': {
    'zh-CN': '登录失败次数过多，请稍后再试',
    'en-US': 'Too many failed logins; try again later',
  },
  'errors.account_disabled': { 'zh-CN': '账号已停用', 'en-US': 'This account is disabled' },
  'errors.weak_password': {
    'zh-CN': '密码至少 10 位，且包含大写字母、小写字母、数字和符号中的三类',
    'en-US': 'Passwords need 10+ characters from three of: upper case, lower case, digits, symbols',
  },
  'errors.token_invalid': { 'zh-CN': '登录已失效，请重新登录', 'en-US': 'Session expired, please log in again' },
  'errors.self_change': {
    'zh-CN': '不能停用自己的账号或更改自己的角色和范围',
    'en-US': 'You cannot disable your own account or change your own role and scope',
  },
  'errors.district_config_only': {
    'zh-CN': '全区通用的配置只能由区级管理员修改',
    'en-US': 'Settings shared by every street can only be changed by a district administrator',
  },
  'errors.street_config_only': {
    'zh-CN': '街道的配置只能由负责整个街道的人员修改',
    'en-US': 'A street’s settings can only be changed by someone responsible for the whole street',
  },
  'errors.location_outside_scope': {
    'zh-CN': '该位置不在您负责的范围内',
    'en-US': 'This location is outside the area you work in',
  },
  'errors.not_owner': {
    'zh-CN': '仅首接受理人或值班室可以派单',
    'en-US': 'Only whoever accepted the item, or the duty room, may dispatch it',
  },
  'errors.not_assigned': {
    'zh-CN': '该事件未派给您的部门或网格',
    'en-US': 'This item is not assigned to your department or grid',
  },
  'errors.not_summoned': { 'zh-CN': '您的部门未被召集', 'en-US': 'Your department was not summoned' },
  'errors.summons_pending': {
    'zh-CN': '仍有部门未反馈结果，暂不能确认办结',
    'en-US': 'Some departments have not reported their result yet',
  },
  'errors.whistle_open': {
    'zh-CN': '该事件已在吹哨中，请升级现有吹哨',
    'en-US': 'A whistle is already open on this incident; raise it instead',
  },
  'errors.max_level': { 'zh-CN': '已是最高级别', 'en-US': 'Already at the highest level' },
  'errors.photo_too_large': {
    'zh-CN': '照片不能超过 10 MB',
    'en-US': 'A photo may be at most 10 MB',
  },
  'errors.photo_type': {
    'zh-CN': '仅支持 JPEG、PNG、WebP 格式的照片',
    'en-US': 'Only JPEG, PNG and WebP photos are accepted',
  },
  'errors.too_many_photos': { 'zh-CN': '照片数量超出上限', 'en-US': 'Too many photos' },
  'errors.open311_disabled': {
    'zh-CN': 'Open311 接口需要登录',
    'en-US': 'The Open311 interface requires a login',
  },
  'errors.flood_unaccounted': {
    'zh-CN': '仍有人员未确认安全返回；如需关闭，请填写例外说明',
    'en-US': 'Some people are not yet confirmed home; closing needs an exception with a reason',
  },
  'errors.flood_warning_not_active': {
    'zh-CN': '预警已解除，不能再转移人员',
    'en-US': 'The warning is no longer active; people are not moved any more',
  },
  'errors.flood_warning_not_lifted': {
    'zh-CN': '预警解除后才能登记返回',
    'en-US': 'Returns are recorded only after the warning is lifted',
  },
  'errors.flood_drill_only': {
    'zh-CN': '演练导调员只能发布和操作演练预警',
    'en-US': 'A drill coordinator issues and handles drill warnings only',
  },
  'errors.flood_no_open_task': {
    'zh-CN': '该户当前没有进行中的转移任务',
    'en-US': 'This household has no open transfer task',
  },
  'errors.flood_ambiguous_task': {
    'zh-CN': '该户同时有多个进行中的转移任务，请指定预警',
    'en-US': 'This household has open tasks in several warnings; name the warning',
  },
  'errors.recheck_required': {
    'zh-CN': '销号须附一条复查记录',
    'en-US': 'Closing needs a re-inspection record',
  },
  'errors.recheck_same_user': {
    'zh-CN': '复查须由隐患发现人以外的人员进行',
    'en-US': 'The re-inspection must be made by someone other than the finder',
  },
  'errors.recheck_no_photo': {
    'zh-CN': '复查记录须附现场照片',
    'en-US': 'The re-inspection record needs photo evidence',
  },
  'errors.recheck_wrong_site': {
    'zh-CN': '复查记录不是该隐患所在场所的',
    'en-US': 'The re-inspection record is of another site',
  },
  'errors.recheck_stale': {
    'zh-CN': '复查记录早于整改完成时间，请重新复查',
    'en-US': 'The re-inspection record predates the rectification; re-inspect',
  },
  'errors.recheck_item_failed': {
    'zh-CN': '复查记录中该检查项仍不合格',
    'en-US': 'The re-inspection record still fails this item',
  },
  'errors.extension_pending': { 'zh-CN': '已有待审批的延期申请', 'en-US': 'An extension request is already pending' },
  'errors.no_extension_pending': { 'zh-CN': '没有待审批的延期申请', 'en-US': 'No extension request is pending' },
  'errors.hazard_exists': {
    'zh-CN': '该检查记录的此项已登记隐患',
    'en-US': 'A hazard is already registered for this item of the record',
  },
  'errors.client_id_taken': {
    'zh-CN': '此前已收到同一编号的提交，内容与本次不同',
    'en-US': 'A submission with this id was already received with different content',
  },
} as const satisfies Record<string, Record<Locale, string>>;
export type MessageKey = keyof typeof MESSAGES;

export function message(key: MessageKey, locale: Locale): string {
  return MESSAGES[key][locale];
}

/** Picks zh-CN unless the caller prefers English. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  return acceptLanguage && /^en\b/i.test(acceptLanguage.trim()) ? 'en-US' : 'zh-CN';
}
