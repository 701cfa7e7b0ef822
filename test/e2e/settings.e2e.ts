// Our settings in the Settings editor, in English (the steps: settingsSteps.ts).
import { describeSettings } from './settingsSteps';

describeSettings('en');
