import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../shared/connection.js';
import { Comment } from './comment.entity.js';

@ObjectType()
export class CommentConnection extends ConnectionType(Comment, 'Comment') {}

@ObjectType({ description: "A reported comment in FUND_ADMIN's moderation queue." })
export class ReportedComment {
  @Field(() => Comment)
  comment: Comment;

  @Field(() => Int)
  reportCount: number;
}
