import { Injectable, Param, type PipeTransform } from '@nestjs/common';
import { uuidSchema } from '@gridboard/shared';
import { parse } from '../common/validation';

@Injectable()
export class UuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    return parse(uuidSchema, value, 'id');
  }
}

/** `:id` as a UUID, or 400 naming `id`. */
export const IdParam = () => Param('id', UuidPipe);
