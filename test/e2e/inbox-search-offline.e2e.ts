// The Inbox, Search Tickets… and an offline panel in English (the steps: inboxSearchOffline.ts).
import { describeInboxSearchOffline } from './inboxSearchOffline';

describeInboxSearchOffline('en', {
  titleA: 'ECS instance will not start after resize',
  answerA: 'Please stop the instance, detach the new data disk and start it again.',
  laterA: 'We see the instance running now; can we close this ticket?',
  titleB: 'OSS bucket policy denies the CDN origin',
  answerB: 'The bucket policy needs the CDN origin IP range; see the attached example.',
  phraseLine: 'Set the snapshot lifecycle policy to keep 7 days',
  phraseQuery: 'snapshot lifecycle',
  titleC: 'Invoice for November is missing',
  descriptionC: 'The invoice quartz-lantern for November never arrived.',
  keywordC: 'quartz-lantern',
  titleD: 'Data disk full on db-1',
  answerD: 'Please expand the data disk to 500 GB and tell us when it is done.',
  draftD: 'Expanded to 500 GB at 14:10; the database is starting.',
  userNotes: (i) => `Update ${i + 1}: the instance still does not start; console shows "Starting" for ten minutes.`,
});
