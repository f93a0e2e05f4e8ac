import { ArnFormat, IResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * What the grants of a flow definition need to know of it.
 */
export interface IFlowDefinitionGrantable extends IResource {
  /** The ARN of the flow definition. */
  readonly flowDefinitionArn: string;
}

/**
 * Permissions on a flow definition, for IAM principals.
 *
 * Actions and resource types are those of the Service Authorization Reference for SageMaker: StartHumanLoop and
 * DescribeFlowDefinition act on the `flow-definition` resource; DescribeHumanLoop, StopHumanLoop and DeleteHumanLoop
 * on `human-loop` resources, whose names the caller (or Bedrock) chooses, so they are granted on the human loops of
 * the flow definition's account and region.
 */
export class FlowDefinitionGrants {
  /**
   * The grants of a flow definition.
   */
  public static fromFlowDefinition(flowDefinition: IFlowDefinitionGrantable): FlowDefinitionGrants {
    return new FlowDefinitionGrants(flowDefinition);
  }

  private constructor(private readonly flowDefinition: IFlowDefinitionGrantable) {}

  /**
   * Grants the given actions on this flow definition.
   */
  public actions(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.flowDefinition.flowDefinitionArn] });
  }

  /**
   * Grants reading the flow definition (`sagemaker:DescribeFlowDefinition`).
   */
  public describe(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ['sagemaker:DescribeFlowDefinition']);
  }

  /**
   * Grants starting human loops of this flow definition (`sagemaker:StartHumanLoop`, Amazon Augmented AI's runtime).
   */
  public startHumanLoop(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ['sagemaker:StartHumanLoop']);
  }

  /**
   * Grants what a principal that runs human loops on this flow definition needs: starting them on this flow
   * definition and reading it, and describing, stopping and deleting human loops of its account and region.
   */
  public runHumanLoops(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ['sagemaker:StartHumanLoop', 'sagemaker:DescribeFlowDefinition']).combine(
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['sagemaker:DescribeHumanLoop', 'sagemaker:StopHumanLoop', 'sagemaker:DeleteHumanLoop'],
        resourceArns: [this.humanLoops()],
      }),
    );
  }

  /**
   * Grants what the service role of an Amazon Bedrock model evaluation job needs on this flow definition: the
   * actions of the "ManageHumanLoops" statement of the Bedrock user guide ("Service role requirements for
   * human-based model evaluation jobs"), scoped to this flow definition and the human loops of its account and
   * region where the guide writes `*`. The role must also read and write the flow definition's output; see
   * `FlowDefinition.grantBedrockEvaluation`.
   */
  public bedrockEvaluation(grantee: iam.IGrantable): iam.Grant {
    return this.runHumanLoops(grantee);
  }

  /** `arn:<partition>:sagemaker:<region>:<account>:human-loop/*` of the flow definition's account and region. */
  private humanLoops(): string {
    const { account, region } = this.flowDefinition.env;
    return Stack.of(this.flowDefinition).formatArn({
      service: 'sagemaker',
      resource: 'human-loop',
      resourceName: '*',
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      account,
      region,
    });
  }
}
