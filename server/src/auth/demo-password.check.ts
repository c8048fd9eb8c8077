import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DEMO_PASSWORD, usersWithDemoPassword } from './demo-accounts';
import { UserRepository } from './user.repository';

/**
 * In production the server refuses to start while any enabled account still logs in with the public
 * demo password. Passwords set through the API cannot be it (the policy wants 10+ characters), so
 * only seeded or imported ones are checked and the start stays fast.
 */
@Injectable()
export class DemoPasswordCheck {
  constructor(
    private readonly users: UserRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Called by createApp after the start-up seed, right before listening. */
  async verify(): Promise<void> {
    if (this.config.env !== 'production') return;
    const names = await usersWithDemoPassword(await this.users.withUncheckedPasswords());
    if (!names.length) return;
    throw new Error(
      `Refusing to start in production: the demo password ${DEMO_PASSWORD} is still active for ${names.length} ` +
        `enabled account(s): ${names.join(', ')}. Change their passwords (用户管理 → 重置密码) or disable them, ` +
        `e.g. from a start with NODE_ENV=development, then start again. See docs/SECURITY.md.\n` +
        `生产模式拒绝启动：以上账号仍在使用公开的演示密码，请先修改密码或停用这些账号。`,
    );
  }
}
