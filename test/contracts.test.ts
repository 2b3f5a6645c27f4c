import { readFileSync } from 'node:fs';
import { composeContracts } from '../schema/compose';
import { SUPERGRAPH_PATH } from '../schema/subgraphs';

describe('the contracts in schema/', () => {
  const composed = composeContracts();

  it('compose into exactly the checked-in supergraph', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composed);
  });

  it('let the gateway join teachers on the 身份证号 while marking it inaccessible', () => {
    expect(composed).toMatch(/@join__type\(graph: TEACHERS, key: "idNumber"\)/);
    expect(composed).toMatch(/idNumber: String! @inaccessible/);
  });
});
