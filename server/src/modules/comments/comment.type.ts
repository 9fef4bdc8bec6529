import { ObjectType } from 'type-graphql';
import { ConnectionType } from '../shared/connection.js';
import { Comment } from './comment.entity.js';

@ObjectType()
export class CommentConnection extends ConnectionType(Comment, 'Comment') {}
