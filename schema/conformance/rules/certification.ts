/** Certification (证书): Certificate by number, and the public certificate check. */
import { entityRule, hiddenRowRule, outsideProvince } from '../common';
import { ANONYMOUS, dataOf, fail, type Rule } from '../kit';

export const certificationRules: Rule[] = [
  hiddenRowRule('certification.hidden-row', (ctx) => ({
    read: 'query($key: ID!) { certificate(number: $key) { number } }',
    field: 'certificate',
    write: 'mutation($key: ID!) { revokeCertificate(number: $key, reason: "conformance") { number } }',
    known: ctx.fixtures.certificates[0].number,
    unknown: 'CONFORMANCE-NO-SUCH-NUMBER',
    outsider: (c) => ({ role: 'PROVINCE_BUREAU', subject: 'conformance-outsider', regionCode: `${outsideProvince(c)}0000` }),
  })),
  entityRule('entities.Certificate', (ctx) => ({
    typename: 'Certificate',
    selection: 'number kind',
    known: ctx.fixtures.certificates.map((c) => ({ representation: { number: c.number }, expected: { number: c.number, kind: c.kind } })),
    unknown: { number: 'CONFORMANCE-NO-SUCH-NUMBER' },
  })),
  {
    id: 'certification.verify',
    title: 'anyone can check a certificate: VALID with the holder’s name, NAME_MISMATCH otherwise, NOT_FOUND for unknown numbers',
    run: async (ctx) => {
      const [certificate] = ctx.fixtures.certificates;
      const query = 'query($n: String!, $name: String!) { verifyCertificate(number: $n, name: $name) { result kind } }';
      const check = async (number: string, name: string) => dataOf(await ctx.call(query, { n: number, name }, ANONYMOUS), 'verifyCertificate').verifyCertificate;
      const valid = await check(certificate.number, certificate.holderName);
      if (valid.result !== 'VALID' || valid.kind !== certificate.kind) fail(`the holder's name gives ${JSON.stringify(valid)}; expected VALID, ${certificate.kind}.`);
      const wrong = await check(certificate.number, '不是本人');
      if (wrong.result !== 'NAME_MISMATCH' || wrong.kind !== null) fail(`a wrong name gives ${JSON.stringify(wrong)}; expected NAME_MISMATCH and no kind.`);
      const unknown = await check('CONFORMANCE-NO-SUCH-NUMBER', certificate.holderName);
      if (unknown.result !== 'NOT_FOUND') fail(`an unknown number gives ${unknown.result}; expected NOT_FOUND.`);
      return 'VALID / NAME_MISMATCH / NOT_FOUND';
    },
  },
];
