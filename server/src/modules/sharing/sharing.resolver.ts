import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver, registerEnumType } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { assertId } from '../shared/ids.js';
import { PAGE_OF, ShareKind } from './sharing.service.js';

registerEnumType(ShareKind, { name: 'ShareKind', description: 'A public page that can be shared.' });

@ObjectType({ description: 'A short link to a public page; its preview shows in chat apps and social sites.' })
export class ShareLink {
  @Field()
  code: string;

  @Field({ description: 'The short link’s path on this site, e.g. /s/Ab3dE5fG.' })
  shortPath: string;

  @Field({ description: 'The page it leads to, e.g. /proposals/<id>.' })
  path: string;
}

@Resolver()
export class SharingResolver {
  @Mutation(() => ShareLink, {
    description:
      'Anyone: the short link of a public page (the same one every time); NOT_FOUND for what the public cannot see.',
  })
  async createShareLink(
    @Arg('kind', () => ShareKind) kind: ShareKind,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<ShareLink> {
    const targetId = assertId(id, 'id');
    const code = await ctx.services.sharing.shortCode(kind, targetId);
    return Object.assign(new ShareLink(), { code, shortPath: `/s/${code}`, path: PAGE_OF[kind](targetId) });
  }
}
