// The Get Started walkthrough's steps complete from what a person did before opening it, in English (the steps:
// walkthroughSteps.ts).
import { describeWalkthrough } from './walkthroughSteps';

describeWalkthrough('en');
