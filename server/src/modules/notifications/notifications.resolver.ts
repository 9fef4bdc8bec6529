import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { NotificationKind } from '@commonweal/shared';
import type { Context } from '../../graphql/context.js';
import { canReadHidden, isHidden } from '../comments/comments.service.js';
import { unauthenticated } from '../../graphql/errors.js';
import { Topic, type NotificationAddedEvent } from '../../graphql/pubsub.js';
import { Need } from '../needs/need.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { ConnectionType, pageSize } from '../shared/connection.js';
import { assertId, assertIds } from '../shared/ids.js';
import { required } from '../shared/loader-utils.js';
import { User } from '../users/user.entity.js';
import { Notification } from './notification.entity.js';

@ObjectType()
export class NotificationConnection extends ConnectionType(Notification, 'Notification') {}

/** Notifications whose excerpt is a comment's text: it follows the comment's moderation. */
const COMMENT_KINDS: readonly NotificationKind[] = [
  NotificationKind.PROPOSAL_COMMENTED,
  NotificationKind.COMMENT_REPLIED,
];

@Resolver(() => Notification)
export class NotificationsResolver {
  @Authorized()
  @Query(() => NotificationConnection, { description: "The viewer's inbox, newest first." })
  notifications(
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('unreadOnly', () => Boolean, { nullable: true, defaultValue: false }) unreadOnly: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<NotificationConnection> {
    return ctx.services.notifications.inbox(ctx.viewer!, pageSize(first, 20), after, unreadOnly ?? false);
  }

  @Authorized()
  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: Context): Promise<number> {
    return ctx.services.notifications.unreadCount(ctx.viewer!);
  }

  @Authorized()
  @Mutation(() => Int, { description: "Marks the viewer's notifications read; returns how many changed." })
  markNotificationsRead(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context): Promise<number> {
    return ctx.services.notifications.markRead(ctx.viewer!, assertIds(ids, 'ids'));
  }

  @Authorized()
  @Mutation(() => Int)
  markAllNotificationsRead(@Ctx() ctx: Context): Promise<number> {
    return ctx.services.notifications.markRead(ctx.viewer!, null);
  }

  @Authorized()
  @Mutation(() => Proposal, { description: 'Hear of its status changes, revisions, surveys and meetings.' })
  async followProposal(@Arg('proposalId', () => ID) proposalId: string, @Ctx() ctx: Context): Promise<Proposal> {
    await ctx.services.notifications.follow(ctx.viewer!, assertId(proposalId, 'proposalId'));
    return required(ctx.loaders.proposals.byId.load(proposalId), 'Proposal');
  }

  @Authorized()
  @Mutation(() => Proposal)
  async unfollowProposal(@Arg('proposalId', () => ID) proposalId: string, @Ctx() ctx: Context): Promise<Proposal> {
    await ctx.services.notifications.unfollow(ctx.viewer!, assertId(proposalId, 'proposalId'));
    return required(ctx.loaders.proposals.byId.load(proposalId), 'Proposal');
  }

  @Subscription(() => Notification, {
    description: "The viewer's new notifications, live.",
    subscribe: ({ context }: SubscribeResolverData<unknown, object, Context>) => {
      if (!context.viewer) throw unauthenticated();
      return context.subscribe(Topic.NotificationAdded, context.viewer.user.id);
    },
  })
  notificationAdded(@Root() event: NotificationAddedEvent, @Ctx() ctx: Context): Promise<Notification> {
    ctx.renewLoaders(event);
    return required(ctx.loaders.notifications.ownById.load(event.notificationId), 'Notification');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'A short excerpt: the comment, the response, the reason (null once the comment is hidden).',
  })
  async excerpt(@Root() n: Notification, @Ctx() ctx: Context): Promise<string | null> {
    if (n.excerpt === null || !COMMENT_KINDS.includes(n.kind) || !n.subjectId) return n.excerpt;
    const comment = await ctx.loaders.comments.byId.load(n.subjectId);
    return comment && (!isHidden(comment) || canReadHidden(ctx.viewer, comment)) ? n.excerpt : null;
  }

  @FieldResolver(() => Boolean)
  read(@Root() n: Notification): boolean {
    return n.readAt !== null;
  }

  @FieldResolver(() => User, { nullable: true })
  actor(@Root() n: Notification, @Ctx() ctx: Context): Promise<User | null> | null {
    return n.actorId ? ctx.loaders.users.byId.load(n.actorId) : null;
  }

  @FieldResolver(() => Proposal, { nullable: true, description: 'Null when the viewer may no longer see it.' })
  proposal(@Root() n: Notification, @Ctx() ctx: Context): Promise<Proposal | null> | null {
    return n.proposalId ? ctx.loaders.proposals.byId.load(n.proposalId) : null;
  }

  @FieldResolver(() => Need, { nullable: true })
  need(@Root() n: Notification, @Ctx() ctx: Context): Promise<Need | null> | null {
    return n.needId ? ctx.loaders.needs.byId.load(n.needId) : null;
  }
}

/** Following, on the proposal. */
@Resolver(() => Proposal)
export class ProposalFollowResolver {
  @FieldResolver(() => Boolean)
  viewerFollows(@Root() p: Proposal, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.loaders.notifications.viewerFollows.load(p.id);
  }

  @FieldResolver(() => Int)
  followerCount(@Root() p: Proposal, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.notifications.followerCount.load(p.id);
  }
}
