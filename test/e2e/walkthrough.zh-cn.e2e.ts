// The Get Started walkthrough's steps complete from what a person did before opening it, in a fresh Chinese profile
// (the runner starts this suite's code-server in zh-cn, from its file name; the steps: walkthroughSteps.ts).
import { describeWalkthrough } from './walkthroughSteps';

describeWalkthrough('zh-cn');
