// Chinese titles, descriptions, addresses and reporters for generated reports, from templates.
// Lanes are fixed per grid (hashed from its code) so one grid's reports name the same hutongs.
import { type Category, type Source } from '../../src-shared/protocol'
import { hashSeed, type Rng } from './prng'
import { type Place } from './places'

const LANES = [
  '钱粮胡同', '史家胡同', '东四三条', '东四六条', '南锣鼓巷', '帽儿胡同', '菊儿胡同', '北新桥三条',
  '交道口南大街', '东直门内大街', '朝阳门内大街', '王府井大街', '金鱼胡同', '灯市口大街', '东单北大街',
  '崇文门外大街', '花市大街', '西打磨厂街', '鲜鱼口街', '前门东大街', '天坛路', '永定门内大街',
  '安定门内大街', '国子监街', '五道营胡同', '雍和宫大街', '和平里东街', '地坛公园北门路', '东花市北里',
  '体育馆路', '法华寺街', '龙潭路', '幸福大街', '广渠门内大街', '北池子大街', '南池子大街', '东华门大街',
  '美术馆后街', '箭厂胡同', '板厂胡同', '北兵马司胡同', '东棉花胡同', '炒豆胡同', '后圆恩寺胡同'
] as const

const SPOTS = ['门前', '东侧', '西侧', '对面', '路口', '南侧便道', '北侧便道', '院内', '公交站旁', '小区门口'] as const

/** Per-minor details that make a description concrete; other categories use a generic sentence. */
const DETAILS: Readonly<Record<string, readonly string[]>> = {
  '0101': ['有人在院外搭建彩钢板房', '屋顶私自加盖棚子', '占用公共通道搭建库房'],
  '0102': ['垃圾桶外堆放生活垃圾约{n}袋', '绿地内有暴露垃圾', '路边散落垃圾未及时清运'],
  '0103': ['路边堆放建筑渣土约{n}立方米', '装修垃圾未袋装堆放在路旁'],
  '0104': ['路面有大片污渍', '落叶和杂物堆积未清扫'],
  '0106': ['绿地内树木枯死{n}棵', '绿篱缺株、黄土裸露'],
  '0201': ['墙面和电线杆上张贴非法小广告{n}处', '有人沿街散发小广告', '楼道内喷涂办证广告'],
  '0301': ['夜间施工噪音扰民，居民多次投诉', '工地超时施工，机械声很大'],
  '0302': ['工地未覆盖防尘网，扬尘严重', '渣土车出入未冲洗，路面起尘'],
  '0401': ['路面塌陷约{n}平方米，已有车辆避让', '井盖周边路面下沉开裂'],
  '0402': ['地下自来水管破裂，水流漫出路面', '消火栓漏水不止'],
  '0403': ['闻到明显燃气味，疑似管道泄漏', '燃气表附近有嘶嘶漏气声'],
  '0406': ['路面积水深约{n}厘米，行人车辆通行困难', '雨水篦子堵塞，积水漫入院内', '下凹路段积水严重，有车辆熄火'],
  '0501': ['有{n}个流动摊贩占道经营', '早市摊位越线经营，堵塞通行'],
  '0505': ['机动车{n}辆停放在人行道上', '车辆堵塞消防通道口', '路口违停影响通行'],
  '0601': ['邻里因楼道堆物发生争执', '楼上漏水引发邻里纠纷，双方情绪激动'],
  '0701': ['消防通道被杂物和车辆堵塞', '楼道内堆放易燃杂物']
}

const GENERIC_DETAILS = ['现场情况需要处置', '影响居民正常生活', '群众反映强烈', '已拍照留存']

const FINDERS: Readonly<Record<Source, string>> = {
  grid_worker: '网格员巡查发现',
  hotline: '12345热线市民来电反映',
  video: '视频监控发现',
  public: '群众通过微信上报',
  superior: '上级交办：',
  department: '部门移交：'
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '海燕']

/** Two lanes of a grid, stable for its code. */
export function lanesOf(gridCode: string): [string, string] {
  const h = hashSeed(Number(gridCode.slice(-9)), Number(gridCode.slice(0, 6)))
  return [LANES[h % LANES.length] as string, LANES[(h >>> 8) % LANES.length] as string]
}

export function addressOf(place: Place, rng: Rng): string {
  const lane = rng.pick(lanesOf(place.gridCode))
  const area = [place.streetName, place.communityName].filter((s) => s.length > 0).join(' ')
  return `${area} ${lane} ${1 + rng.int(120)}号 ${rng.pick(SPOTS)}`.trim()
}

function fill(template: string, rng: Rng): string {
  return template.replace('{n}', String(2 + rng.int(18)))
}

export function describe(category: Category, source: Source, address: string, rng: Rng): { title: string; description: string } {
  const detail = fill(rng.pick(DETAILS[category.code] ?? GENERIC_DETAILS), rng)
  const spot = address.split(' ').slice(-3).join('')
  const title = `${spot}${category.name}`.slice(0, 120)
  const description = `${FINDERS[source]}${address}${category.name}：${detail}。请责任单位尽快处置。`
  return { title, description }
}

/** A mobile number with the middle four digits masked, as the field app shows them. */
export function maskedPhone(rng: Rng): string {
  const prefix = rng.pick(['133', '135', '137', '138', '139', '150', '158', '186', '189', '199'])
  return `${prefix}****${String(rng.int(10_000)).padStart(4, '0')}`
}

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN)
}

export interface Reporter {
  id?: string
  name?: string
  phone?: string
}

/**
 * Who reported: the grid's worker for patrol reports (named from the unit seeds when known),
 * a masked citizen for hotline and public reports, the camera or office for the rest.
 */
export function reporterFor(source: Source, place: Place, rng: Rng, workerNames: ReadonlyMap<string, string>): Reporter {
  switch (source) {
    case 'grid_worker': {
      const id = place.workerUnitId
      const name = (id !== null ? workerNames.get(id) : undefined) ?? `网格员${personName(rng)}`
      return id !== null ? { id, name, phone: maskedPhone(rng) } : { name, phone: maskedPhone(rng) }
    }
    case 'hotline':
    case 'public':
      return { name: `${rng.pick(SURNAMES)}${rng.chance(0.5) ? '先生' : '女士'}`, phone: maskedPhone(rng) }
    case 'video':
      return { id: `cam-${place.gridCode.slice(-6)}-${1 + rng.int(4)}`, name: '视频监控智能识别' }
    case 'superior':
      return { name: '区城市管理指挥中心' }
    case 'department':
      return { name: rng.pick(['区市场监管局', '区住建委', '区生态环境局', '区园林绿化局']) }
  }
}
