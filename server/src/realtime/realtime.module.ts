import { Global, Module } from '@nestjs/common';
import { BoardGateway } from './board.gateway';
import { ItemLocator } from './item-presence.registry';

@Global()
@Module({ providers: [BoardGateway, ItemLocator], exports: [ItemLocator] })
export class RealtimeModule {}
