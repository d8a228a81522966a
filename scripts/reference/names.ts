// Deterministic generators for the demo's made-up people and community names.
const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文']
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉鹏宇浩晨欣怡佳琳雪梅海燕志红丹凤云飞亮宁婷波斌峰莉颖倩瑞凯',
  '秀英', '桂兰', '建华', '志强', '海涛', '晓东', '丽娟', '春梅', '国庆', '建军', '淑珍', '玉梅', '红霞', '立新', '卫东',
  '晓红', '小燕', '永刚', '振华', '德明', '俊杰', '思远', '子涵', '雨婷', '梓轩', '文博', '佳怡', '一鸣', '嘉欣', '浩然'
]

/** Mulberry32: small, fast, and the same sequence on every platform for a given seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function pick<T>(list: readonly T[], rand: () => number): T {
  return list[Math.floor(rand() * list.length)] as T
}

/** Person names, unique within one generator. */
export function nameGenerator(seed: number): () => string {
  const rand = prng(seed)
  const used = new Set<string>()
  return () => {
    for (let tries = 0; tries < 10_000; tries++) {
      const name = pick(SURNAMES, rand) + pick(GIVEN, rand)
      if (!used.has(name)) {
        used.add(name)
        return name
      }
    }
    throw new Error('ran out of distinct names')
  }
}

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五']

/** '东华门街道', 3 → '东华门第三社区' (clearly generated, never a real community's name). */
export function communityName(streetName: string, n: number): string {
  const ordinal = ORDINALS[n - 1]
  if (!ordinal) throw new Error(`community number out of range: ${n}`)
  return `${streetName.replace(/街道$/, '')}第${ordinal}社区`
}
