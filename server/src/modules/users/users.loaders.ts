import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { idLoader } from '../shared/loader-utils.js';
import { User } from './user.entity.js';

export function createUserLoaders(ds: DataSource) {
  return {
    byId: idLoader((ids) => ds.getRepository(User).findBy({ id: In(ids) })),
  };
}
