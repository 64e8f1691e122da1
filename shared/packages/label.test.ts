import { describe, expect, it } from 'vitest';
import { ShelfLabelData } from '../bridge/contract';
import type { Package, Resident } from '../domain/model';
import { shelfLabelData } from './label';

const resident: Resident = {
  id: 'r1', unitId: 'u1', firstName: 'Maximiliano Bartholomew', lastName: 'Fernández-Villaverde de la Concepción', email: null, phone: null,
  language: 'es', measurement: 'metric', occupancy: 'owner', authorizedPickups: [],
};
const pkg = { shortCode: 'K7P2QX', flags: ['fragile', 'refrigerate'], location: 'A1' } as Package;

describe('shelf label data', () => {
  it('shortens long names so the label layout never overflows, and passes the bridge schema', () => {
    const label = shelfLabelData(pkg, resident, { id: 'u1', label: '12B', floor: 12 }, {
      receivedAt: '27 nov 2026, 9:40',
      flag: (flag) => ({ fragile: 'Frágil', refrigerate: 'Refrigerar' })[flag as 'fragile'] ?? flag,
      carrier: 'UPS',
      captions: { received: 'Recibido', shelf: 'Estante' },
    });
    expect([...label.recipientName].length).toBeLessThanOrEqual(32);
    expect(label.recipientName.endsWith('…')).toBe(true);
    expect(label.flags).toEqual(['Frágil', 'Refrigerar']);
    expect(ShelfLabelData.safeParse(label).success).toBe(true);
  });
});
