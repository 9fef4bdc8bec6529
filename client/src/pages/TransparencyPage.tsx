import { Transparency } from '../features/ledger/Transparency';

export function TransparencyPage() {
  return <Transparency />;
}
