import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { loginSchema, type SessionUser } from '@gridboard/shared';
import type { Request } from 'express';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from './actor';
import { AuthService, type Session } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { Authenticated, Public } from './policy.decorators';

class LoginDto extends createZodDto(loginSchema) {}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Req() req: Request & { id?: unknown }): Promise<Session> {
    return this.auth.login(body, req.id !== undefined ? String(req.id) : null, req.ip ?? null);
  }

  @Authenticated()
  @Get('me')
  me(@CurrentActor() actor: Actor): SessionUser {
    return {
      id: actor.userId!,
      username: actor.username,
      displayName: actor.displayName,
      role: actor.role as SessionUser['role'],
      scope: actor.scope,
    };
  }
}
