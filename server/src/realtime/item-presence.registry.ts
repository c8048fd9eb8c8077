import { Injectable } from '@nestjs/common';
import type { Jurisdiction } from '@gridboard/shared';

type Locate = (id: string) => Promise<Jurisdiction | null>;

/**
 * Which jurisdiction an item belongs to, by item type. Domain modules register their types, so the
 * gateway can check "may this user announce they are viewing incident X" without knowing incidents.
 */
@Injectable()
export class ItemLocator {
  private readonly locators = new Map<string, Locate>();

  register(itemType: string, locate: Locate): void {
    this.locators.set(itemType, locate);
  }

  has(itemType: string): boolean {
    return this.locators.has(itemType);
  }

  locate(itemType: string, id: string): Promise<Jurisdiction | null> {
    return this.locators.get(itemType)?.(id) ?? Promise.resolve(null);
  }
}
