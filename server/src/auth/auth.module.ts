import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ActorResolver } from './actor-resolver';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Policy } from './policy.service';
import { AccessTokens } from './tokens';
import { UserRepository } from './user.repository';

@Global()
@Module({
  imports: [JwtModule.register({})],
  controllers: [AuthController],
  providers: [
    AccessTokens,
    ActorResolver,
    Policy,
    UserRepository,
    AuthService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessTokens, ActorResolver, Policy, UserRepository],
})
export class AuthModule {}
