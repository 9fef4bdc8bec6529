import { Role } from '@commonweal/shared';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { pageSize } from '../shared/connection.js';
import { assertId } from '../shared/ids.js';
import type { DeliveryRow, WebhookRow } from './webhooks.service.js';

@ObjectType({ description: 'A partner platform that receives the fund’s public activity, signed (FUND_ADMIN only).' })
export class Webhook {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field()
  active: boolean;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: 'One event sent (or being sent) to a webhook: its state and the last answer.' })
export class WebhookDelivery {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The event, as the activity feed names it.' })
  title: string;

  @Field({ description: 'PENDING (to be sent or retried), DELIVERED, or FAILED (given up).' })
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer, if any.' })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field({ description: 'When it is (re)tried next, while PENDING.' })
  nextAttemptAt: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class CreatedWebhook {
  @Field(() => Webhook)
  webhook: Webhook;

  @Field({ description: 'Signs every delivery (HMAC-SHA256); shown this once, keep it with the receiver.' })
  secret: string;
}

const toWebhook = (w: WebhookRow) =>
  Object.assign(new Webhook(), { id: w.id, url: w.url, active: w.active, createdAt: w.created_at });

@Resolver(() => Webhook)
export class WebhooksResolver {
  @Authorized(Role.FUND_ADMIN)
  @Query(() => [Webhook], { description: 'FUND_ADMIN: the fund’s webhooks.' })
  async webhooks(@Arg('fundId', () => ID) fundId: string, @Ctx() ctx: Context): Promise<Webhook[]> {
    return (await ctx.services.webhooks.list(assertId(fundId, 'fundId'))).map(toWebhook);
  }

  @Authorized(Role.FUND_ADMIN)
  @Mutation(() => CreatedWebhook, { description: 'FUND_ADMIN: send the fund’s public activity to `url`, signed.' })
  async createWebhook(
    @Arg('fundId', () => ID) fundId: string,
    @Arg('url') url: string,
    @Ctx() ctx: Context,
  ): Promise<CreatedWebhook> {
    const { webhook, secret } = await ctx.services.webhooks.create(ctx.viewer!, assertId(fundId, 'fundId'), url);
    return Object.assign(new CreatedWebhook(), { webhook: toWebhook(webhook), secret });
  }

  @Authorized(Role.FUND_ADMIN)
  @Mutation(() => Boolean, { description: 'FUND_ADMIN: stop a webhook (its delivery log goes with it).' })
  deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.webhooks.remove(ctx.viewer!, assertId(id, 'id'));
  }

  @FieldResolver(() => [WebhookDelivery], { description: 'The delivery log, newest first.' })
  async deliveries(
    @Root() webhook: Webhook,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<WebhookDelivery[]> {
    const rows: DeliveryRow[] = await ctx.services.webhooks.deliveries(webhook.id, pageSize(first, 20));
    return rows.map((d) =>
      Object.assign(new WebhookDelivery(), {
        id: d.id,
        title: d.title,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.last_status_code,
        lastError: d.last_error,
        nextAttemptAt: d.next_attempt_at,
        deliveredAt: d.delivered_at,
        createdAt: d.created_at,
      }),
    );
  }
}
