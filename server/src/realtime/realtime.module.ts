import { Global, Module } from '@nestjs/common';
import { BoardGateway } from './board.gateway';
import { ItemLocator } from './item-presence.registry';
import { PresenceRepository } from './presence';

@Global()
@Module({ providers: [BoardGateway, ItemLocator, PresenceRepository], exports: [ItemLocator] })
export class RealtimeModule {}
