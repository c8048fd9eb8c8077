import { Injectable } from '@nestjs/common';
import { Db } from '../db/db';
import { UserEntity } from './user.entity';

@Injectable()
export class UserRepository {
  constructor(private readonly db: Db) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.db.manager.findOneBy(UserEntity, { id });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.db.manager.findOneBy(UserEntity, { username });
  }
}
