import { ArnFormat, IResource, Resource, Stack } from 'aws-cdk-lib';
import { aws_sagemaker as sagemakerRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { WORKFORCE_NAME } from './private/rules';
import { Validator } from './private/validation';

/**
 * A SageMaker private workforce: the workers of an account in a region, and how they sign in.
 */
export interface IWorkforce extends IResource, sagemakerRefs.IWorkforceRef {
  /**
   * The ARN of the workforce.
   *
   * @attribute
   */
  readonly workforceArn: string;

  /**
   * The name of the workforce.
   *
   * @attribute
   */
  readonly workforceName: string;
}

/**
 * A workforce defined outside this app: its name is all that is known of it.
 */
abstract class WorkforceBase extends Resource implements IWorkforce {
  public abstract readonly workforceArn: string;
  public abstract readonly workforceName: string;

  public get workforceRef(): sagemakerRefs.WorkforceReference {
    return { workforceArn: this.workforceArn };
  }
}

/**
 * Importers of SageMaker private workforces.
 */
export class Workforce {
  /**
   * Refers to the private workforce of this stack's account and region by its name.
   *
   * @param scope the parent construct
   * @param id the construct id
   * @param workforceName the name of the workforce; the one created with the first Cognito work team is `default`
   */
  public static fromWorkforceName(scope: Construct, id: string, workforceName: string): IWorkforce {
    new Validator().string('workforceName', workforceName, WORKFORCE_NAME).throwIfInvalid('Workforce', `${scope.node.path}/${id}`);
    class Import extends WorkforceBase {
      public readonly workforceName = workforceName;
      public readonly workforceArn = workforceArnOf(this, workforceName);
    }
    return new Import(scope, id);
  }

  private constructor() {}
}

/** `arn:<partition>:sagemaker:<region>:<account>:workforce/<name>` */
export function workforceArnOf(scope: Construct, workforceName: string): string {
  return Stack.of(scope).formatArn({
    service: 'sagemaker',
    resource: 'workforce',
    resourceName: workforceName,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}
