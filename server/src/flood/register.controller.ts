import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  createFloodHouseholdSchema,
  type FloodHousehold,
  floodHouseholdListQuerySchema,
  floodHouseholdPageSchema,
  type FloodHouseholdReveal,
  floodHouseholdRevealSchema,
  floodHouseholdSchema,
  type FloodImportResult,
  floodImportResultSchema,
  IMPORT_MAX_BYTES,
  type Page,
  type TransferCard,
  transferCardSchema,
  updateFloodHouseholdSchema,
} from '@gridboard/shared';
import { createZodDto } from 'nestjs-zod';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Can } from '../auth/policy.decorators';
import { ParseUuid } from '../common/params';
import { UploadInterceptor } from '../common/upload.interceptor';
import { fileRequired, importFormat, RegisterImportService } from './register-import.service';
import { RegisterService } from './register.service';

class FloodHouseholdCreateDto extends createZodDto(createFloodHouseholdSchema) {}
class FloodHouseholdUpdateDto extends createZodDto(updateFloodHouseholdSchema) {}
class FloodHouseholdListQueryDto extends createZodDto(floodHouseholdListQuerySchema) {}
class FloodHouseholdPageDto extends createZodDto(floodHouseholdPageSchema) {}
class FloodHouseholdDto extends createZodDto(floodHouseholdSchema) {}
class FloodHouseholdRevealDto extends createZodDto(floodHouseholdRevealSchema) {}
class FloodHouseholdCardDto extends createZodDto(transferCardSchema) {}
class FloodHouseholdImportResultDto extends createZodDto(floodImportResultSchema) {}

const SheetUpload = UploadInterceptor({
  field: 'file',
  maxFiles: 1,
  maxBytes: IMPORT_MAX_BYTES,
  tooLarge: 'errors.payload_too_large',
  limitText: '20 MB',
});

/** 固定转移人员台账 (`/api/flood/households`): list items carry `personCount`; personal data masked. */
@ApiTags('flood')
@ApiBearerAuth()
@Controller('flood/households')
export class RegisterController {
  constructor(
    private readonly register: RegisterService,
    private readonly imports: RegisterImportService,
  ) {}

  @Can('flood.read')
  @Get()
  @ApiOperation({
    summary: 'The fixed-transfer register in the caller’s jurisdiction (by building, unit, room).',
    description:
      '`mine=true`: the households the caller is the responsible cadre (包保责任人) of. `q` matches building, unit, room.',
  })
  @ApiOkResponse({ type: FloodHouseholdPageDto })
  list(@CurrentActor() actor: Actor, @Query() q: FloodHouseholdListQueryDto): Promise<Page<FloodHousehold>> {
    return this.register.list(actor, q);
  }

  @Can('flood.register')
  @Post()
  @ApiOperation({
    summary: 'Register a fixed-transfer household',
    description:
      'On a building (`buildingId`) or a registry household (`householdId`, whose building it takes); its grid is ' +
      'the building’s. The cadre is an account of the street that can see the household (`cadreUserId`; name and ' +
      'phone default to the account’s) or a name. 409 `errors.duplicate` for the same building/unit/room twice.',
  })
  @ApiOkResponse({ type: FloodHouseholdDto })
  create(@CurrentActor() actor: Actor, @Body() body: FloodHouseholdCreateDto): Promise<FloodHousehold> {
    return this.register.create(actor, body);
  }

  @Can('flood.register')
  @Post('import')
  @HttpCode(200)
  @UseInterceptors(SheetUpload)
  @ApiOperation({
    summary: 'Import the register from a spreadsheet (.xlsx or .csv, multipart field `file`)',
    description:
      'Columns: 楼栋*, 单元, 房号, 户主*, 电话, 身份证号, 人数*, 特殊人群 (老人、残疾、卧床、儿童), 风险类型* (低洼地/危房/' +
      '地下室/边坡), 包保责任人* (an account’s username, or a name), 责任人电话, 安置点* (shelter name), 备注. All or ' +
      'nothing: a bad file answers 400 `errors.import_failed` with `errors[]` as "row N, column X" and nothing is written.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiQuery({ name: 'streetId', required: false, description: 'district-scope callers only' })
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: FloodHouseholdImportResultDto })
  import(
    @CurrentActor() actor: Actor,
    @UploadedFiles() files: { originalname: string; buffer: Buffer }[] | undefined,
    @Query('streetId') streetId?: string,
  ): Promise<FloodImportResult> {
    const file = files?.[0];
    if (!file) throw fileRequired();
    return this.imports.run(actor, streetId, { buffer: file.buffer, format: importFormat(file.originalname) });
  }

  @Can('flood.read')
  @Get(':id')
  @ApiOkResponse({ type: FloodHouseholdDto })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUuid('id')) id: string): Promise<FloodHousehold> {
    return this.register.get(actor, id);
  }

  @Can('flood.read')
  @Get(':id/card')
  @ApiOperation({
    summary: 'The household’s transfer card (转移明白卡): its code and QR (SVG and PNG data URL) for printing',
    description: 'Shelters check the family in by scanning the QR or typing the code (`POST /api/flood/checkin`).',
  })
  @ApiOkResponse({ type: FloodHouseholdCardDto })
  card(@CurrentActor() actor: Actor, @Param('id', new ParseUuid('id')) id: string): Promise<TransferCard> {
    return this.register.card(actor, id);
  }

  @Can('flood.register')
  @Patch(':id')
  @ApiOperation({ summary: 'Change a register household (`version` required; stale → 409 with `current`)' })
  @ApiOkResponse({ type: FloodHouseholdDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUuid('id')) id: string,
    @Body() body: FloodHouseholdUpdateDto,
  ): Promise<FloodHousehold> {
    return this.register.update(actor, id, body);
  }

  @Can('flood.register')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove from the register (409 `errors.in_use` once it has transfer tasks)' })
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUuid('id')) id: string): Promise<void> {
    await this.register.remove(actor, id);
  }

  @Can('flood.transfer')
  @Post(':id/reveal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The clear name, phone, ID number and cadre phone (audited as pii.reveal)',
    description: 'For roles with `pii.reveal`, and for the household’s own cadre; others 403.',
  })
  @ApiOkResponse({ type: FloodHouseholdRevealDto })
  reveal(@CurrentActor() actor: Actor, @Param('id', new ParseUuid('id')) id: string): Promise<FloodHouseholdReveal> {
    return this.register.reveal(actor, id);
  }
}
