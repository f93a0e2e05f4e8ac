import { App } from 'aws-cdk-lib';
import { LabelingTeamStack } from './labeling-team-stack';

const app = new App();
new LabelingTeamStack(app, 'SageMakerWorkteamExample');
app.synth();
