/** UI strings of sharing, English and Simplified Chinese, merged into the locale files under `sharing`. zhCN must have the same keys (checked by its type). */
export const en = {
  share: 'Share',
  link: 'Short link (shows a preview in chat apps)',
  copy: 'Copy',
  copied: 'Copied',
};

export const zhCN: typeof en = {
  share: '分享',
  link: '短链接（在聊天应用中显示预览）',
  copy: '复制',
  copied: '已复制',
};
