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
}
