import { AlarmAckEntity } from '../board/alarm-ack.entity';
import { AuditLogEntity } from '../audit/audit-log.entity';
import { UserEntity } from '../auth/user.entity';
import { BasemapFeatureEntity } from '../geo/basemap-feature.entity';
import { BuildingEntity } from '../geo/building.entity';
import { LoginThrottleEntity } from '../auth/login-throttle.entity';
import { AuthSessionEntity, RefreshTokenEntity } from '../auth/session.entity';
import { CommunityEntity } from '../geo/community.entity';
import { CompoundEntity } from '../geo/compound.entity';
import { DepartmentEntity } from '../geo/department.entity';
import { GridEntity } from '../geo/grid.entity';
import { HouseholdEntity } from '../geo/household.entity';
import { PersonEntity } from '../geo/person.entity';
import { ShelterEntity } from '../geo/shelter.entity';
import { SiteEntity } from '../geo/site.entity';
import { StreetEntity } from '../geo/street.entity';
import {
  DeadlineRuleEntity,
  ImportMappingEntity,
  IncidentCategoryEntity,
  IncidentStateLabelEntity,
  WorkdayOverrideEntity,
} from '../incidents/incident-config.entity';
import { IncidentCounterEntity } from '../incidents/incident-counter.entity';
import { IncidentPhotoEntity } from '../incidents/incident-photo.entity';
import { IncidentStepEntity } from '../incidents/incident-step.entity';
import { IncidentEntity } from '../incidents/incident.entity';
import { EventEntity } from '../realtime/event.entity';
import { SummonsEntity, WhistleEntity, WhistleStepEntity } from '../whistles/whistle.entity';
import { FloodHouseholdEntity } from '../flood/flood-household.entity';
import { FloodStepEntity } from '../flood/flood-step.entity';
import { FloodWarningEntity } from '../flood/flood-warning.entity';
import { TransferTaskEntity } from '../flood/transfer-task.entity';
import { HazardCounterEntity, HazardEntity, HazardStepEntity } from '../hazards/hazard.entity';
import { CampaignEntity, CampaignSiteEntity } from '../inspections/campaign.entity';
import { InspectionPhotoEntity } from '../inspections/inspection-photo.entity';
import { InspectionSettingEntity } from '../inspections/inspection-setting.entity';
import { InspectionRecordEntity } from '../inspections/record.entity';
import { ChecklistTemplateEntity, TemplateVersionEntity } from '../inspections/template.entity';

/** Every entity, by module. A new entity must be listed here and come with a migration. */
export const ENTITIES = [
  AuditLogEntity,
  EventEntity,
  UserEntity,
  StreetEntity,
  CommunityEntity,
  GridEntity,
  DepartmentEntity,
  CompoundEntity,
  BuildingEntity,
  HouseholdEntity,
  PersonEntity,
  SiteEntity,
  ShelterEntity,
  BasemapFeatureEntity,
  AuthSessionEntity,
  RefreshTokenEntity,
  LoginThrottleEntity,
  IncidentEntity,
  IncidentStepEntity,
  IncidentPhotoEntity,
  IncidentCounterEntity,
  IncidentCategoryEntity,
  DeadlineRuleEntity,
  WorkdayOverrideEntity,
  IncidentStateLabelEntity,
  ImportMappingEntity,
  WhistleEntity,
  SummonsEntity,
  WhistleStepEntity,
  FloodHouseholdEntity,
  FloodWarningEntity,
  TransferTaskEntity,
  FloodStepEntity,
  InspectionSettingEntity,
  ChecklistTemplateEntity,
  TemplateVersionEntity,
  CampaignEntity,
  CampaignSiteEntity,
  InspectionRecordEntity,
  InspectionPhotoEntity,
  HazardEntity,
  HazardStepEntity,
  HazardCounterEntity,
  AlarmAckEntity,
];
