import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  createUserSchema,
  type Page,
  resetPasswordSchema,
  type RevealedUser,
  updateUserSchema,
  type User,
  userListQuerySchema,
  uuidSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import { parse } from '../common/validation';
import type { Actor } from './actor';
import { CurrentActor } from './current-actor.decorator';
import { Can } from './policy.decorators';
import { UsersService } from './users.service';

class UserListQueryDto extends createZodDto(userListQuerySchema) {}
class CreateUserDto extends createZodDto(createUserSchema) {}
class UpdateUserDto extends createZodDto(updateUserSchema) {}
class ResetPasswordDto extends createZodDto(resetPasswordSchema) {}

const userId = (id: string) => parse(uuidSchema, id, 'id');

/** User administration (用户管理). Users outside the caller's jurisdiction answer 404. */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Can('user.manage')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: UserListQueryDto): Promise<Page<User>> {
    return this.users.list(actor, q);
  }

  @Can('user.manage')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<User> {
    return this.users.get(actor, userId(id));
  }

  @Can('user.manage')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<User> {
    return this.users.create(actor, body);
  }

  @Can('user.manage')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: UpdateUserDto): Promise<User> {
    return this.users.update(actor, userId(id), body);
  }

  @Can('user.manage')
  @Post(':id/password')
  @HttpCode(200)
  resetPassword(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ResetPasswordDto): Promise<User> {
    return this.users.resetPassword(actor, userId(id), body.password);
  }

  @Can('user.manage')
  @Post(':id/disable')
  @HttpCode(200)
  disable(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<User> {
    return this.users.setDisabled(actor, userId(id), true);
  }

  @Can('user.manage')
  @Post(':id/enable')
  @HttpCode(200)
  enable(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<User> {
    return this.users.setDisabled(actor, userId(id), false);
  }

  /** The unmasked phone (also needs pii.reveal); audited as pii.reveal. */
  @Can('user.manage')
  @Post(':id/reveal')
  @HttpCode(200)
  reveal(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<RevealedUser> {
    return this.users.reveal(actor, userId(id));
  }
}
