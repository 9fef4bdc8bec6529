import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../shared/connection.js';
import { Proposal } from './proposal.entity.js';

@ObjectType()
export class ProposalConnection extends ConnectionType(Proposal, 'Proposal') {}

@ObjectType()
export class VoteTally {
  @Field(() => Int)
  support: number;

  @Field(() => Int)
  oppose: number;

  @Field(() => Int, { description: 'Of these, votes the fund’s side entered from paper forms at meetings.' })
  assisted: number;
}

@ObjectType({ description: 'What the viewer may do to this proposal now: the same rules the server enforces.' })
export class ProposalViewerCan {
  @Field()
  openConsultation: boolean;

  @Field()
  decide: boolean;

  @Field()
  openBidding: boolean;

  @Field()
  vote: boolean;

  @Field()
  comment: boolean;

  @Field()
  withdraw: boolean;

  @Field({ description: 'Pledge a sponsorship (members of a verified enterprise, while the proposal takes them).' })
  sponsor: boolean;

  @Field({ description: 'Submit a bid now (members of a verified social organization, while bidding is open).' })
  bid: boolean;

  @Field({ description: 'Award a bid (the fund’s side, after bidding closed).' })
  award: boolean;

  @Field()
  postProgress: boolean;

  @Field()
  complete: boolean;

  @Field({
    description:
      'Edit it (the author or FUND_ADMIN, in DRAFT or CONSULTATION; in CONSULTATION each edit is a recorded revision).',
  })
  revise: boolean;

  @Field({ description: 'Request a payment to the awarded organization (FUND_ADMIN, while money remains).' })
  requestDisbursement: boolean;
}
