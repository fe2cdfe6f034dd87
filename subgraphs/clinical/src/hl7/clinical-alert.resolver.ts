import { forbidden, notFound } from '@clinicflow/platform';
import { Authorized, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { ClinicalContext } from '../context';
import { LabResult } from '../domain/lab-result.entity';
import { Patient } from '../domain/patient.ref';
import { ALERT_READERS, ClinicalAlert, clinicalAlertTopic } from './clinical-alert.entity';

@Resolver(() => ClinicalAlert)
export class ClinicalAlertResolver {
  @Subscription(() => ClinicalAlert, {
    description:
      'Each clinical alert as soon as it is raised (critical lab results), for clinical staff; staff whose token names a facility get only the alerts of patients who checked in there',
    subscribe: ({ context }) => {
      const { caller, liveEvents } = context as ClinicalContext;
      if (!(ALERT_READERS as string[]).includes(caller.role))
        throw forbidden(`The ${caller.role} role may not follow clinical alerts`);
      return liveEvents.subscribe(clinicalAlertTopic(caller.facilityId ?? null));
    },
  })
  async clinicalAlertRaised(
    @Root() event: { alertId: string },
    @Ctx() { hl7 }: ClinicalContext,
  ): Promise<ClinicalAlert> {
    const alert = await hl7.alert(event.alertId);
    if (!alert) throw notFound('ClinicalAlert', event.alertId);
    return alert;
  }

  @Authorized(ALERT_READERS)
  @FieldResolver(() => Patient, { description: 'The patient the alert is about' })
  patient(@Root() alert: ClinicalAlert): Patient {
    return { id: alert.patientId };
  }

  @Authorized(ALERT_READERS)
  @FieldResolver(() => LabResult, { description: 'The result that raised the alert' })
  async labResult(@Root() alert: ClinicalAlert, @Ctx() { loaders }: ClinicalContext): Promise<LabResult> {
    const result = await loaders.labResultById.load(alert.labResultId);
    if (!result) throw notFound('LabResult', alert.labResultId);
    return result;
  }
}
