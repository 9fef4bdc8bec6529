/** UI strings of this feature, English and Simplified Chinese, merged into the locale files under `participation`. zhCN must have the same keys (checked by its type). */
export const en = {
  title: 'participation',
};

export const zhCN: typeof en = {
  title: 'participation',
};
