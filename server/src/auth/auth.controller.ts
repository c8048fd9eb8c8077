import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { changePasswordSchema, loginSchema, refreshSchema, type Session, type SessionUser } from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from './actor';
import { AuthService, type Origin } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { Authenticated, Public } from './policy.decorators';
import { RequestOrigin } from './request-origin';

class LoginDto extends createZodDto(loginSchema) {}
class RefreshDto extends createZodDto(refreshSchema) {}
class ChangePasswordDto extends createZodDto(changePasswordSchema) {}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** 200 Session; 401 errors.login_failed / errors.account_disabled; 429 errors.account_locked + retryAfter. */
  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @RequestOrigin() origin: Origin): Promise<Session> {
    return this.auth.login(body, origin);
  }

  /** 200 Session (a new refresh token: the old one is spent); 401 errors.token_invalid. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshDto, @RequestOrigin() origin: Origin): Promise<Session> {
    return this.auth.refresh(body.refreshToken, origin);
  }

  /** Public, so a client whose access token has expired can still end its session. Always 204. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  logout(@Body() body: RefreshDto, @RequestOrigin() origin: Origin): Promise<void> {
    return this.auth.logout(body.refreshToken, origin);
  }

  @Authenticated()
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<SessionUser> {
    return this.auth.me(actor);
  }

  /** 200 Session (every other session ends); 400 errors.weak_password / wrong current password; 429. */
  @Authenticated()
  @Post('password')
  @HttpCode(200)
  changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
    @RequestOrigin() origin: Origin,
  ): Promise<Session> {
    return this.auth.changePassword(actor, body, origin);
  }
}
