// Our settings in the Settings editor in Simplified Chinese (the steps: settingsSteps.ts).
import { describeSettings } from './settingsSteps';

describeSettings('zh-cn');
