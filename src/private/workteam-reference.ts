import { ResolutionTypeHint, Token } from 'aws-cdk-lib';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import { aws_sagemaker as sagemakerRefs } from 'aws-cdk-lib/interfaces';

// aws-cdk-lib changed `WorkteamReference` between the releases the library supports: 2.271.0 has
// `{ workteamId, workteamName }` (`workteamId` is the team's `Ref`, its ARN), 2.273.0 and later `{ workteamArn }`.
// The library is compiled against the oldest and runs against any: it writes both shapes and reads either.

/** Every field of either shape of `WorkteamReference`. */
interface WorkteamReferenceFields {
  readonly workteamArn?: string;
  readonly workteamId?: string;
  readonly workteamName?: string;
}

/**
 * The `WorkteamArn` attribute of a work team (`Fn::GetAtt`): what `CfnWorkteam.attrWorkteamArn` returns from
 * aws-cdk-lib 2.273.0 on, read the way it reads it, which 2.271.0 allows too.
 */
export function workteamArnAttribute(workteam: CfnWorkteam): string {
  return Token.asString(workteam.getAtt('WorkteamArn', ResolutionTypeHint.STRING));
}

/**
 * A reference to a work team in the shape of every supported aws-cdk-lib, whichever one reads it.
 */
export function workteamReference(workteamArn: string, workteamName: string): sagemakerRefs.WorkteamReference {
  const fields = { workteamArn, workteamId: workteamArn, workteamName };
  return fields;
}

/**
 * The ARN of a work team from its reference, of either shape.
 */
export function workteamArnOf(workteam: sagemakerRefs.IWorkteamRef): string {
  const fields: WorkteamReferenceFields = workteam.workteamRef;
  return (fields.workteamArn ?? fields.workteamId)!;
}
