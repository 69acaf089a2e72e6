/** 督查督办 demo data: realistic items in every state, some overdue, for a fresh start. */
import type { Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { chinaDate, iso } from '../../platform/clock.js';
import type { AppContext, DemoDirectory } from '../../platform/module.js';
import * as repo from './supervision.repo.js';
import type { RegisterInput, SupervisionService } from './supervision.service.js';

type Plan = {
  input: Omit<RegisterInput, 'deadline' | 'leadUnitId' | 'coUnitIds' | 'level'> & {
    lead: string;
    co: string[];
    leader?: string;
    instructor?: string;
    level?: number;
  };
  /** Days from today of the time limit (negative: overdue). */
  due: number;
  /** Days ago it was registered. */
  age: number;
  /** Where it got to. */
  stage: 'registered' | 'issued' | 'reported' | 'submitted' | 'returned' | 'extension' | 'concluded' | 'closed';
};

const PLANS: Plan[] = [
  {
    input: {
      source: 'instruction',
      title: '加快推进老旧小区改造项目开工建设',
      requirement: '对照年度计划倒排工期，6月底前全部开工，每月报送进展。',
      lead: 'housing',
      co: ['finance', 'district_qingshan'],
      leader: 'msz_zhao',
      instructor: 'sj_li',
      instructedBy: '李明华',
      instructionText: '要加快进度，确保按期开工，群众满意。',
      cadence: 'monthly',
    },
    due: 40,
    age: 20,
    stage: 'reported',
  },
  {
    input: {
      source: 'decision',
      sourceType: 'meeting_decision',
      sourceRef: '市委常委会 2026年第3次会议 议题2',
      title: '落实安全生产专项整治三年行动',
      requirement: '全面排查危化品、建筑施工等重点行业隐患，建立问题清单和整改台账。',
      lead: 'emergency',
      co: ['housing', 'ecology'],
      leader: 'msz_zhao',
      cadence: 'weekly',
    },
    due: -4,
    age: 45,
    stage: 'issued',
  },
  {
    input: {
      source: 'decision',
      sourceType: 'document',
      sourceRef: '青委办发〔2026〕5号',
      title: '全面推行河长制湖长制工作',
      requirement: '健全市、区、街道三级河长体系，完成河道“清四乱”专项行动。',
      lead: 'ecology',
      co: ['district_jiangbei', 'district_qingshan'],
      leader: 'sj_li',
    },
    due: 2,
    age: 30,
    stage: 'submitted',
  },
  {
    input: {
      source: 'instruction',
      title: '督办中小学校园周边交通安全整治',
      requirement: '开学前完成校园周边交通设施排查，落实护学岗制度。',
      lead: 'education',
      co: [],
      instructor: 'sj_li',
      instructedBy: '李明华',
      instructionText: '请教育局牵头，抓紧落实。',
      level: 0,
    },
    due: 10,
    age: 15,
    stage: 'returned',
  },
  {
    input: {
      source: 'decision',
      sourceType: 'meeting_decision',
      sourceRef: '市政府常务会议 2026年第5次会议',
      title: '优化营商环境重点任务落实',
      requirement: '压缩企业开办时间至1个工作日，推行“一网通办”。',
      lead: 'ndrc',
      co: ['finance'],
      leader: 'zr_chen',
      cadence: 'monthly',
    },
    due: 60,
    age: 10,
    stage: 'extension',
  },
  {
    input: {
      source: 'assessment',
      title: '年度重点工作目标考核督查',
      requirement: '对照年度考核指标，逐项报送完成情况和佐证材料。',
      lead: 'finance',
      co: ['ndrc'],
    },
    due: 20,
    age: 5,
    stage: 'registered',
  },
  {
    input: {
      source: 'instruction',
      title: '做好今冬明春保暖保供工作',
      requirement: '确保燃气、电力供应稳定，困难群众取暖补贴及时发放。',
      lead: 'ndrc',
      co: ['finance', 'district_jiangbei'],
      leader: 'msz_zhao',
      instructor: 'sj_li',
      instructedBy: '李明华',
      instructionText: '民生无小事，务必落实到位。',
    },
    due: -10,
    age: 60,
    stage: 'concluded',
  },
  {
    input: {
      source: 'decision',
      sourceType: 'meeting_decision',
      sourceRef: '市委常委会 2026年第1次会议 议题4',
      title: '推进生态环境问题整改销号',
      requirement: '对中央生态环境保护督察反馈问题逐项整改，按期销号。',
      lead: 'ecology',
      co: [],
    },
    due: -20,
    age: 90,
    stage: 'closed',
  },
  {
    input: {
      source: 'decision',
      sourceType: 'document',
      sourceRef: '青委办发〔2026〕8号',
      title: '开展督查检查考核事项清理规范',
      requirement: '精简督查检查考核事项，减轻基层负担，形成清理报告。',
      lead: 'district_qingshan',
      co: ['district_jiangbei'],
    },
    due: -2,
    age: 35,
    stage: 'issued',
  },
  {
    input: {
      source: 'instruction',
      title: '督办城市内涝防治工程建设',
      requirement: '汛期前完成重点易涝点改造，建立应急抢险队伍。',
      lead: 'housing',
      co: ['emergency'],
      leader: 'zr_chen',
      instructor: 'msz_zhao',
      instructedBy: '赵国强',
      instructionText: '汛期将至，要抓紧抓实。',
    },
    due: 3,
    age: 25,
    stage: 'issued',
  },
  {
    input: {
      source: 'assessment',
      title: '信息报送工作情况考核督查',
      requirement: '按季度报送信息工作台账，提高信息采用率。',
      lead: 'district_jiangbei',
      co: [],
    },
    due: 15,
    age: 12,
    stage: 'reported',
  },
  {
    input: {
      source: 'decision',
      sourceType: 'meeting_decision',
      sourceRef: '市委全会 2026年第2次会议',
      title: '落实乡村振兴重点帮扶任务',
      requirement: '完成帮扶项目资金拨付，开展产业帮扶项目验收。',
      lead: 'finance',
      co: ['district_qingshan', 'district_jiangbei'],
      leader: 'msz_zhao',
      cadence: 'monthly',
    },
    due: 25,
    age: 40,
    stage: 'issued',
  },
  {
    input: {
      source: 'instruction',
      title: '督办群众反映强烈的噪声扰民问题',
      requirement: '对夜间施工噪声开展专项执法，一周内反馈处理结果。',
      lead: 'ecology',
      co: ['housing'],
      instructor: 'sj_li',
      instructedBy: '李明华',
      instructionText: '请生态环境局会同住建局核查处理。',
    },
    due: -1,
    age: 8,
    stage: 'submitted',
  },
  {
    input: {
      source: 'decision',
      sourceType: 'document',
      sourceRef: '青政办发〔2026〕3号',
      title: '推进政务服务“一网通办”',
      requirement: '年底前实现高频事项全程网办，办件量占比达到80%。',
      lead: 'ndrc',
      co: ['district_qingshan'],
    },
    due: 80,
    age: 3,
    stage: 'registered',
  },
  {
    input: {
      source: 'decision',
      sourceType: 'meeting_decision',
      sourceRef: '市委常委会 2026年第2次会议 议题1',
      title: '开展安全生产大检查',
      requirement: '节前开展安全生产大检查，重点检查人员密集场所。',
      lead: 'emergency',
      co: [],
    },
    due: -30,
    age: 70,
    stage: 'closed',
  },
];

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Seeds the demo items, acting as 张伟 of 督查室. */
export async function seedSupervisionDemo(trx: Trx, ctx: AppContext, demo: DemoDirectory, svc: SupervisionService): Promise<void> {
  const u = (name: string) => demo.userByName[name]!;
  const unit = (code: string) => demo.unitByCode[code]!;
  const clerk = await trx
    .selectFrom('user')
    .innerJoin('unit', 'unit.id', 'user.unit_id')
    .select(['user.id', 'user.name', 'user.username', 'user.unit_id', 'unit.short_name', 'unit.code'])
    .where('user.username', '=', 'dcs_zhang')
    .executeTakeFirst();
  if (!clerk) return;
  const actor: Actor = {
    id: clerk.id,
    username: clerk.username,
    name: clerk.name,
    unitId: clerk.unit_id,
    unitName: clerk.short_name,
    unitCode: clerk.code,
    roles: ['staff'],
    clearance: 1,
    adminRole: null,
    ip: null,
    locale: 'zh-CN',
  };
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const userActor = async (id: number): Promise<Actor> => {
    const r = await trx
      .selectFrom('user')
      .innerJoin('unit', 'unit.id', 'user.unit_id')
      .select(['user.id', 'user.name', 'user.username', 'user.unit_id', 'unit.short_name', 'unit.code'])
      .where('user.id', '=', id)
      .executeTakeFirstOrThrow();
    return {
      id: r.id,
      username: r.username,
      name: r.name,
      unitId: r.unit_id,
      unitName: r.short_name,
      unitCode: r.code,
      roles: ['liaison'],
      clearance: 1,
      adminRole: null,
      ip: null,
      locale: 'zh-CN',
    };
  };
  for (const p of PLANS) {
    const { lead, co, leader, instructor, level, ...rest } = p.input;
    const deadline = addDays(today, Math.max(p.due, 1));
    const created = await svc.registerWithTasks(trx, actor, {
      ...rest,
      level: level ?? 1,
      leadUnitId: unit(lead),
      coUnitIds: co.map(unit),
      responsibleLeaderId: leader ? u(leader) : null,
      instructedById: instructor ? u(instructor) : null,
      instructedAt: instructor ? addDays(today, -p.age - 1) : null,
      deadline,
    });
    const at = iso(new Date(now.getTime() - p.age * 86_400_000));
    const realDeadline = addDays(today, p.due);
    // backdate registration and set the planned (possibly past) time limit
    await trx.updateTable('supervision_item').set({ created_at: at, deadline: realDeadline }).where('id', '=', created.id).execute();
    await trx.updateTable('supervision_task').set({ created_at: at, deadline: realDeadline }).where('item_id', '=', created.id).execute();
    if (p.stage === 'registered') continue;
    let item = (await repo.findItem(trx, created.id))!;
    let tasks = await repo.tasksOfItem(trx, created.id);
    const file = await svc.prepareNotice(trx, item, tasks);
    await svc.issueInTrx(trx, actor, item, tasks, file);
    tasks = await repo.tasksOfItem(trx, created.id);
    const leadTask = tasks.find((t) => t.is_lead === 1)!;
    const liaison = await userActor(leadTask.responsible_user_id);
    if (p.stage === 'reported' || p.stage === 'extension') {
      await svc.reportInTrx(trx, liaison, leadTask, { content: '已召开专题会议部署，制定工作方案，目前完成总体进度的40%。', final: false });
    }
    if (p.stage === 'extension') {
      const t = (await repo.findTask(trx, leadTask.id))!;
      await svc.extensionInTrx(trx, liaison, t, { reason: '涉及跨部门协调，系统改造需要延长时间。', requestedDeadline: addDays(t.deadline, 30) });
    }
    if (['submitted', 'returned', 'concluded', 'closed'].includes(p.stage)) {
      for (const t of p.stage === 'concluded' || p.stage === 'closed' ? tasks : [leadTask]) {
        const who = await userActor(t.responsible_user_id);
        await svc.reportInTrx(trx, who, (await repo.findTask(trx, t.id))!, { content: '已按要求完成各项工作，问题已整改到位，特申请办结。', final: true });
        if (p.stage !== 'submitted') {
          const fresh = (await repo.findTask(trx, t.id))!;
          await svc.reviewInTrx(
            trx,
            actor,
            fresh,
            p.stage === 'returned'
              ? { decision: 'return', reason: '佐证材料不全，请补充整改前后对比照片。' }
              : {
                  decision: 'accept',
                  criteria: { factsClear: true, problemSolved: true, instructionImplemented: true, conclusionAccurate: true, handlingProper: true },
                },
          );
        }
      }
    }
    if (p.stage === 'closed') {
      item = (await repo.findItem(trx, created.id))!;
      await svc.followUpInTrx(trx, actor, item, { note: '经电话回访，群众对整改结果表示满意。', rating: 5 });
    }
  }
}
