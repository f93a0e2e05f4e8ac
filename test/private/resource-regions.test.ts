import * as fs from 'fs';
import * as path from 'path';
import { GENERATED_FILE, generateResourceRegionsSource, regionsWithout } from './generate-resource-regions';
import { REGIONS_WITHOUT_RESOURCE_TYPE } from '../../src/private/resource-regions';
import { INSTALLED_CDK, PINNED_CDK } from '../integ-snapshot';

describe('src/private/resource-regions.ts', () => {
  test("is what test/private/generate-resource-regions.ts generates from aws-cdk-lib's CloudFormation Validate and region-info", () => {
    if (INSTALLED_CDK !== PINNED_CDK) {
      // The file is generated at the pinned aws-cdk-lib, and its header names that release's engine and region
      // count. Against another release (`npx projen test:newest-cdk`), its data must still be what that release's
      // engine says: a region that gained or lost a resource type there makes the library's check stale.
      expect(REGIONS_WITHOUT_RESOURCE_TYPE).toEqual(regionsWithout());
      return;
    }
    const committed = fs.readFileSync(GENERATED_FILE, 'utf-8');
    const generated = generateResourceRegionsSource();

    if (committed !== generated) {
      throw new Error(
        `${path.relative(process.cwd(), GENERATED_FILE)} is stale: regenerate it with ` +
          "'npx ts-node --project projenrc/tsconfig.json test/private/generate-resource-regions.ts' and commit it",
      );
    }
  });

  test('lists the regions without workforces and work teams, and none of the regions that have them', () => {
    expect(REGIONS_WITHOUT_RESOURCE_TYPE['AWS::SageMaker::Workforce']).toEqual(expect.arrayContaining(['eu-west-3', 'sa-east-1', 'us-west-1']));
    expect(REGIONS_WITHOUT_RESOURCE_TYPE['AWS::SageMaker::Workteam']).toEqual(expect.arrayContaining(['me-central-1']));
    for (const regions of Object.values(REGIONS_WITHOUT_RESOURCE_TYPE)) {
      expect(regions).not.toContain('us-east-1');
      expect(regions).not.toContain('eu-west-1');
    }
  });
});

describe('regionsWithout', () => {
  test('reads F3006 of the engine per region, and knows nothing of a region the engine does not know', () => {
    expect(regionsWithout(['us-east-1', 'me-central-1', 'xx-nowhere-1'])).toEqual({
      'AWS::SageMaker::Workforce': ['me-central-1'],
      'AWS::SageMaker::Workteam': ['me-central-1'],
    });
  });
});
