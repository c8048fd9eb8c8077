import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { Commands } from './commands';

@Global()
@Module({ providers: [Commands, Clock], exports: [Commands, Clock] })
export class CommandModule {}
