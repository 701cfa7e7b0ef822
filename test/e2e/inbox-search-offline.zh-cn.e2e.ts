// The Inbox, Search Tickets… and an offline panel in Simplified Chinese (the runner starts this suite's code-server in
// zh-cn, from its file name): the same steps as inbox-search-offline.e2e.ts, with tickets and answers written in Chinese
// as a Chinese user and support would write them (inboxSearchOffline.ts).
import { describeInboxSearchOffline } from './inboxSearchOffline';

describeInboxSearchOffline('zh-cn', {
  titleA: '扩容后 ECS 实例无法启动',
  answerA: '请先停止实例，卸载新挂载的数据盘后再启动。',
  laterA: '我们看到实例已经在运行了，可以关闭这个工单吗？',
  titleB: 'OSS 存储桶策略拒绝了 CDN 回源',
  answerB: '存储桶策略需要放行 CDN 回源的 IP 段，请参考附件中的示例。',
  phraseLine: '把快照生命周期策略设置为保留 7 天',
  phraseQuery: '快照生命周期',
  titleC: '十一月的发票没有收到',
  descriptionC: '十一月的发票 quartz-lantern 一直没有收到。',
  keywordC: 'quartz-lantern',
  titleD: 'db-1 的数据盘已满',
  answerD: '请把数据盘扩容到 500 GB，完成后告诉我们。',
  draftD: '已在 14:10 扩容到 500 GB，数据库正在启动。',
  userNotes: (i) => `进展 ${i + 1}：实例仍然无法启动，控制台显示“启动中”已经十分钟了。`,
});
