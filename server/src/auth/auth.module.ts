import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ActorResolver } from './actor-resolver';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthHousekeeping } from './auth-housekeeping';
import { AuthService } from './auth.service';
import { DemoPasswordCheck } from './demo-password.check';
import { LoginThrottle } from './login-throttle';
import { LoginThrottleRepository } from './login-throttle.repository';
import { Policy } from './policy.service';
import { ScopeUnitsRepository } from './scope-units.repository';
import { SessionRepository } from './session.repository';
import { AccessTokens } from './tokens';
import { UserRepository } from './user.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // The HMAC key as a KeyObject, made once: given a string, jsonwebtoken first tries
      // createPublicKey on it on every verify (13 % of the server's CPU on the write path).
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AccessTokens,
    ActorResolver,
    Policy,
    UserRepository,
    SessionRepository,
    ScopeUnitsRepository,
    LoginThrottleRepository,
    LoginThrottle,
    AuthService,
    UsersService,
    AuthHousekeeping,
    DemoPasswordCheck,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessTokens, ActorResolver, Policy, UserRepository],
})
export class AuthModule {}
