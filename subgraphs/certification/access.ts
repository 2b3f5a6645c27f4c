import type { AccessRules } from '../shared/access';
import type { Certificate } from './entities';

/** Certificates belong to the holder, their school and the bureaus above it. */
export const access: AccessRules = {
  Certificate: {
    owner: (certificate: Certificate) => ({
      teacherId: certificate.teacherId,
      schoolId: certificate.schoolId,
      regionCode: certificate.regionCode,
    }),
  },
};
