import { App } from 'aws-cdk-lib';
import { Workforce, WorkforceIdentity, Workteam } from '../../src';
import { CHECK_REGIONS_CONTEXT, checkResourceTypeInRegion } from '../../src/private/regions';
import { Validator } from '../../src/private/validation';
import { OIDC_PROPS, testApp, testStack } from '../util';

const team = (region: string, app?: App) => () => Workteam.fromOidcGroups(testStack({ account: '123456789012', region }, app), 'Team', { groups: ['labelers'] });
const workforce = (region: string, app?: App) => () =>
  new Workforce(testStack({ account: '123456789012', region }, app), 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });

describe('resource types that a region does not have', () => {
  test('fails for a work team in a region without AWS::SageMaker::Workteam, naming the type and the region', () => {
    expect(team('me-central-1')).toThrow(
      /Invalid Workteam at 'Stack\/Team':\n {2}- region: AWS::SageMaker::Workteam does not exist in me-central-1 \(CloudFormation Validate F3006\)/,
    );
  });

  test('the failure says which context turns the check off', () => {
    expect(team('me-central-1')).toThrow(
      'region: AWS::SageMaker::Workteam does not exist in me-central-1 (CloudFormation Validate F3006): deploy the stack in a region that has it ' +
        `(context ${CHECK_REGIONS_CONTEXT}: false turns this check off)`,
    );
  });

  test('takes a resource type that exists in every region, which the data does not list', () => {
    const validator = new Validator();

    checkResourceTypeInRegion(testStack({ account: '123456789012', region: 'me-central-1' }), 'AWS::SNS::Topic', validator);

    expect(validator.errors).toEqual([]);
  });

  test.each(['sa-east-1', 'us-west-1', 'eu-north-1', 'cn-north-1'])('fails for a workforce in %s, which has no AWS::SageMaker::Workforce', (region) => {
    expect(workforce(region)).toThrow(new RegExp(`region: AWS::SageMaker::Workforce does not exist in ${region} `));
  });

  test('takes a work team in a region with work teams but no workforces', () => {
    expect(team('sa-east-1')).not.toThrow();
  });

  test('takes both in us-east-1, and in a stack whose region is known only at deployment', () => {
    expect(team('us-east-1')).not.toThrow();
    expect(workforce('us-east-1')).not.toThrow();
    const stack = testStack({});
    expect(() => Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'] })).not.toThrow();
    expect(() => new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) })).not.toThrow();
  });

  test(`are not judged with the context ${CHECK_REGIONS_CONTEXT}: false`, () => {
    const app = () => {
      const a = testApp();
      a.node.setContext(CHECK_REGIONS_CONTEXT, false);
      return a;
    };
    expect(team('me-central-1', app())).not.toThrow();
    expect(workforce('sa-east-1', app())).not.toThrow();
  });
});
