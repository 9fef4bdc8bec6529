import { PROPOSAL_TRANSITIONS } from '@commonweal/shared';
import { defineMachine } from '../shared/state-machine.js';
import { canDecide, canOpenConsultation, canWithdraw, isFundSide } from './proposals.policy.js';

/** The proposal state machine: the only place a proposal's status changes. */
export const proposalMachine = defineMachine({
  name: 'proposal',
  table: PROPOSAL_TRANSITIONS,
  who: {
    openConsultation: canOpenConsultation,
    approve: canDecide,
    reject: canDecide,
    openBidding: isFundSide,
    award: isFundSide,
    complete: isFundSide,
    withdraw: canWithdraw,
  },
});
