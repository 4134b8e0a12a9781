"""Write a synthetic corpus of Chinese cell and gene therapy news pages.

    python benchmarks/generate.py N OUTDIR [--seed S]

Writes N UTF-8 `*.txt` pages under OUTDIR, 500 to a folder
(OUTDIR/g00/b000/000000_<hex>.txt). Each page is built from the templates and
lexicons below: a header (breadcrumb, title, one of several dateline styles or
none), a body of 1,500-5,000 characters (dated events, speeches, status facts,
plans, captions, background), and page furniture (recommended-article lists,
hotlines, licence and copyright lines). About 30% of the pages are in
Traditional script (OpenCC s2t), about 15% carry pinyin annotations such as
`产(chǎn)业`, and about half use half-width punctuation. A page is about 3,000
characters, 8.7 KB in UTF-8 (3 bytes a Han character): 10,000 pages are 88 MB.

Page k depends only on (seed, k): a corpus of 100 is the first 100 pages of a
corpus of 1,000 with the same seed. All names are invented.
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import string
import sys
import time
from datetime import date, timedelta
from pathlib import Path

PER_FOLDER = 500
TRADITIONAL_SHARE = 0.30
PINYIN_SHARE = 0.15
HALF_WIDTH_SHARE = 0.5
BODY_CHARS = (1500, 5000, 1900)  # triangular: low, high, mode
FIRST_DAY, LAST_DAY = date(2016, 1, 1), date(2025, 6, 30)

# city: (province, short province name for ICP lines, area code, districts)
CITIES = {
    "杭州": ("浙江", "浙", "0571", ("滨江区", "余杭区", "萧山区", "钱塘区")),
    "宁波": ("浙江", "浙", "0574", ("鄞州区", "北仑区", "镇海区")),
    "苏州": ("江苏", "苏", "0512", ("工业园区", "吴中区", "相城区")),
    "南京": ("江苏", "苏", "025", ("江北新区", "栖霞区", "江宁区")),
    "泰州": ("江苏", "苏", "0523", ("海陵区", "高港区", "姜堰区")),
    "广州": ("广东", "粤", "020", ("黄埔区", "番禺区", "南沙区")),
    "深圳": ("广东", "粤", "0755", ("坪山区", "南山区", "光明区")),
    "珠海": ("广东", "粤", "0756", ("香洲区", "金湾区", "斗门区")),
    "武汉": ("湖北", "鄂", "027", ("洪山区", "江夏区", "东西湖区")),
    "长沙": ("湖南", "湘", "0731", ("岳麓区", "雨花区", "浏阳市")),
    "合肥": ("安徽", "皖", "0551", ("蜀山区", "包河区", "庐阳区")),
    "郑州": ("河南", "豫", "0371", ("金水区", "二七区", "中原区")),
    "西安": ("陕西", "陕", "029", ("雁塔区", "未央区", "长安区")),
    "重庆": ("重庆", "渝", "023", ("渝北区", "巴南区", "两江新区")),
    "天津": ("天津", "津", "022", ("滨海新区", "西青区", "津南区")),
    "青岛": ("山东", "鲁", "0532", ("崂山区", "黄岛区", "城阳区")),
    "烟台": ("山东", "鲁", "0535", ("莱山区", "芝罘区", "福山区")),
    "厦门": ("福建", "闽", "0592", ("海沧区", "翔安区", "集美区")),
    "福州": ("福建", "闽", "0591", ("鼓楼区", "仓山区", "闽侯县")),
    "南昌": ("江西", "赣", "0791", ("红谷滩区", "青山湖区", "新建区")),
    "昆明": ("云南", "滇", "0871", ("呈贡区", "官渡区", "盘龙区")),
    "贵阳": ("贵州", "黔", "0851", ("观山湖区", "花溪区", "白云区")),
    "沈阳": ("辽宁", "辽", "024", ("浑南区", "铁西区", "沈北新区")),
    "长春": ("吉林", "吉", "0431", ("朝阳区", "净月区", "绿园区")),
    "哈尔滨": ("黑龙江", "黑", "0451", ("松北区", "南岗区", "香坊区")),
    "石家庄": ("河北", "冀", "0311", ("裕华区", "长安区", "栾城区")),
    "太原": ("山西", "晋", "0351", ("小店区", "万柏林区", "晋源区")),
    "南宁": ("广西", "桂", "0771", ("青秀区", "良庆区", "西乡塘区")),
    "海口": ("海南", "琼", "0898", ("龙华区", "美兰区", "秀英区")),
}
CORES = (
    "康元 瑞博 恒泽 华辰 安科 启衡 源生 博睿 天衍 嘉因 赛德 凯信 正源 和铭 科润 永拓 普瑞 翰霖 德泓 思远 "
    "中昊 泓达 景澜 星图 云启 诺衡 百昌 圣禾 瀚宇 汇智 锐铂 铭泰 欣悦 远航 卓越 沐阳 青禾 益康 万嘉 立信"
).split()
COMPANY_ENDINGS = (
    "生物科技有限公司", "医药集团", "生物医药股份有限公司", "细胞科技有限公司", "基因技术有限公司",
    "药业集团有限公司", "生物工程有限公司", "细胞治疗技术有限公司",
)
SHORT_ENDINGS = ("生物", "医药", "药业", "基因")
PARK_CORES = "云栖 星湖 锦湖 翠屏 凤栖 龙腾 青山 白鹭 紫金 碧波 银杏 金沙 玉泉 松涛 东篱 南岭 鹿鸣 海棠".split()
PARK_ENDINGS = ("国际细胞医学产业园", "生物城", "生命科学园", "细胞与基因治疗产业园", "生物医药产业园", "细胞谷")
ALLIANCES = ("细胞治疗产业联盟", "细胞与基因治疗创新联盟", "干细胞产业技术创新战略联盟", "再生医学产业联盟", "基因治疗产业协同创新联盟")
GOV = ("市科技局", "市卫生健康委员会", "市发展和改革委员会", "市市场监督管理局", "市工业和信息化局", "高新区管委会")
ACADEMIC = ("大学", "医科大学", "大学附属第一医院", "市第一人民医院", "市肿瘤医院", "生命科学研究院", "市血液中心")
VENUES = ("国际会议中心", "市民中心", "国际博览中心", "科技创新中心", "会展中心")
SURNAMES = (
    "王 李 张 刘 陈 杨 黄 赵 周 吴 徐 朱 马 胡 郭 林 何 罗 郑 梁 谢 宋 唐 许 邓 冯 韩 曹 曾 彭 蔡 潘 田 董 "
    "于 余 叶 蒋 杜 苏 魏 程 吕 丁 沈 任 姚 卢 傅 钟 姜 崔 谭 陆 范 汪 廖 石 金 韦 贾 夏 方 邹 熊 白 孟 秦 邱 "
    "侯 尹 薛 段 雷 黎 史 陶 贺 毛 郝 顾 龚 邵 万 武 钱 戴 严 欧阳 司马"
).split()
GIVEN = (
    "建 国 伟 明 华 平 志 强 军 晓 文 杰 涛 斌 丽 敏 静 燕 芳 霞 红 玲 婷 雪 颖 琳 宇 浩 鹏 辉 "
    "磊 超 勇 波 峰 刚 亮 鑫 嘉 思 雨 欣 佳 博 睿 泽 一 梓 晨 昊 然 慧 云 德 荣 春 秋 玉 兰 成 永 胜"
).split()
COMPANY_TITLES = ("董事长", "总经理", "总裁", "首席执行官", "首席科学家", "副总裁", "创始人")
GOV_TITLES = ("局长", "副局长", "主任", "副主任", "党组书记")
ACADEMIC_TITLES = ("院长", "副院长", "校长", "副校长", "教授", "主任医师", "所长")
PRODUCTS = (
    "CAR-T细胞注射液", "CAR-NK细胞注射液", "TCR-T细胞疗法", "人脐带间充质干细胞注射液", "AAV基因治疗药物",
    "溶瘤病毒注射液", "iPSC衍生细胞产品", "TIL细胞疗法", "通用型CAR-T细胞产品", "双靶点CAR-T细胞注射液",
)
INDICATIONS = (
    "复发或难治性多发性骨髓瘤", "复发或难治性大B细胞淋巴瘤", "急性B淋巴细胞白血病", "膝骨关节炎", "晚期实体瘤",
    "遗传性视网膜病变", "血友病B", "急性移植物抗宿主病", "系统性红斑狼疮", "脊髓性肌萎缩症",
)
OUTLET_FORMS = (
    "{city}日报", "{city}晚报", "{province}新闻网", "{city}广播电视台", "{province}科技报",
    "医药前沿观察", "细胞产业评论", "基因时代网", "科创财经",
)
MEDIA_GROUPS = ("{city}日报报业集团", "{city}传媒集团", "{province}广播电视台", "{province}新闻传媒有限公司")
BREADCRUMBS = (
    "首页 > 新闻 > 正文", "首页 > 科技 > 生物医药", "{province}频道 > 今日{city} > 正文",
    "当前位置：首页 > 产业 > 正文", "首页 » 健康 » 产业动态", "新闻中心 > {city}新闻",
)
SUBHEADINGS = (
    "筑巢引凤 集聚发展", "政策赋能 产业提速", "聚焦临床 加速转化", "链式布局 生态初成", "从实验室到病床边",
    "人才引领 创新驱动", "补链强链 做大做强", "以园聚产 以产兴城", "抢占赛道 打造高地", "“一站式”服务护航",
)
QUOTES = (
    "细胞与基因治疗正处在从临床研究走向产业化的关键窗口期，谁能率先打通工艺和质量体系，谁就能赢得先机。",
    "我们看中的是这里完整的产业链配套和高效的政务服务，项目从洽谈到签约只用了不到三个月。",
    "园区将持续完善公共技术平台，让企业把更多精力放在研发上。",
    "下一步，我们将加快推进注册临床试验，争取让更多患者早日用上安全、可及的创新疗法。",
    "降低生产成本是细胞治疗产品真正惠及患者的前提，规模化、自动化制备是必由之路。",
    "希望联盟成为政府、医院、高校和企业之间的桥梁，推动资源共享和标准共建。",
    "生物医药是长跑，需要耐心资本，也需要政府、园区和企业一起把生态做起来。",
    "我们的目标是建成国内领先的细胞药物商业化生产基地，服务全国乃至全球的合作伙伴。",
    "临床需求是创新的起点，医院愿意和企业一道，把研究者发起的临床研究做实做细。",
    "这次获批是对团队多年积累的肯定，也意味着我们离上市又近了一步。",
    "细胞治疗的核心竞争力在于工艺，工艺稳定了，成本和质量才有保障。",
    "我们会把园区当作企业的“合伙人”，而不只是房东。",
    "实体瘤是下一个主战场，我们已经在几个靶点上做了布局。",
    "政策的连续性很重要，企业敢于长期投入，前提是预期稳定。",
    "从签约到开工，我们争取用最短的时间把项目落地。",
    "联盟不是挂个牌子，而是要实实在在解决成员单位的共性难题。",
    "患者的等待就是我们加快工作的理由。",
    "我们希望用五年左右的时间，把细胞治疗产业打造成全市新的增长极。",
)
LEADS = (  # (title, lead sentence, follow-up sentence)
    ("{park}集中签约{n_firms}个项目",
     "{when}，{gov}与{company}在{venue}签署合作协议，{park}首批{n_firms}个细胞治疗项目集中签约。",
     "签约项目涵盖细胞药物研发、CDMO服务、细胞存储和临床转化等领域，为{district}打造千亿级生物医药产业集群再添新动能。"),
    ("{alliance}在{city}成立",
     "{when}，{alliance}成立大会暨{city}细胞与基因治疗产业发展论坛在{venue}召开，"
     "来自全国的{n_people}余位专家学者和企业家代表参加。",
     "{person_b}出席活动并讲话，{person_c}主持。"),
    ("{park}正式开园",
     "{when}，位于{district}的{park}正式开园，首批{n_firms}家细胞与基因治疗企业集中入驻。",
     "活动现场，{gov}向首批入驻企业授牌，{company_short}等企业代表作交流发言。"),
    ("{company_short}{product}获批开展临床试验",
     "{when}，{company}宣布，其自主研发的{product}（{code}）获得国家药品监督管理局临床试验默示许可，拟用于治疗{indication}。",
     "这是{company_short}今年第二个获得临床试验许可的产品。"),
    ("{city}发布细胞和基因治疗产业发展措施",
     "{when}，{gov}正式发布《{city}市促进细胞和基因治疗产业高质量发展若干措施》，"
     "从研发、临床、生产、应用四个环节提出{n_items}条具体举措。",
     "措施明确，对首次获得临床试验许可的细胞治疗产品，最高给予{money}亿元资助。"),
    ("总投资{money}亿元 {company_short}细胞药物产业化基地落户{district}",
     "{when}，{company}与{park}签约，总投资{money}亿元的细胞药物产业化基地项目正式落户{district}。",
     "据介绍，该项目分两期建设，一期规划建筑面积{area}平方米，建成后将具备多条符合GMP标准的细胞制剂生产线。"),
    ("{alliance}揭牌",
     "{when}，{alliance}在{venue}揭牌，{company}当选首届理事长单位，{academic}等{n_firms}家单位成为首批成员。",
     "{person_b}出席揭牌仪式，{person_c}当选联盟秘书长。"),
    ("{company_short}细胞治疗生产基地开工",
     "{when}，{company}细胞治疗GMP生产基地开工仪式在{district}举行，项目建成后可年产细胞制剂{n_items}万份。",
     "{person_a}在开工仪式上介绍了项目建设进度安排。"),
)
OPENERS = ("据了解，", "记者了解到，", "值得一提的是，", "与此同时，", "此外，", "另据介绍，", "同时，")
BACKGROUND = (
    "细胞与基因治疗被视为继小分子药物、抗体药物之后的又一次医药技术变革。",
    "近年来，{city}把生物医药作为战略性新兴产业重点培育，先后出台多项扶持政策。",
    "{park}规划面积{area_km}平方公里，重点布局CAR-T、干细胞、基因编辑和CDMO等方向。",
    "园区已建成符合GMP标准的细胞制备中心和公共检测平台，可为入驻企业提供从工艺开发到临床申报的一站式服务。",
    "与传统药物不同，细胞治疗产品往往需要“一人一药”个性化制备，对质量控制和冷链运输提出了更高要求。",
    "业内人士认为，随着审评审批制度改革不断深化，国内细胞治疗产品的上市节奏明显加快。",
    "{company}专注于免疫细胞治疗和干细胞药物研发，已建立覆盖载体构建、细胞制备和质量检测的完整技术平台。",
    "目前，{company_short}已有{n_items}个在研产品进入临床阶段，其中{product}的进展最快。",
    "{academic}在造血干细胞移植和免疫治疗领域积累了丰富的临床经验，将为项目提供临床研究支持。",
    "{district}地处{city}科创走廊核心区域，高校、医院和研发机构密集，具备发展细胞产业的良好基础。",
    "据测算，国内细胞与基因治疗市场规模有望在未来几年保持较快增长，CDMO等配套服务需求旺盛。",
    "项目将引入自动化封闭式细胞制备系统，单批次生产周期可缩短至七天左右。",
    "为破解人才瓶颈，园区与{academic}共建联合实验室和实训基地，定向培养工艺、质量和注册人才。",
    "{gov}相关负责人介绍，{city}将在用地、资金、人才和审评服务等方面给予重点项目全方位支持。",
    "不少患者家庭仍面临治疗费用较高的难题，推动细胞疗法纳入商业保险和惠民保成为各地探索的方向。",
    "{alliance}将重点做好共性技术攻关、质量标准研究和成员单位间的项目对接，每年定期举办学术年会。",
    "{city}现有生物医药企业{n_people}余家，其中细胞与基因治疗相关企业占比逐年提升。",
    "{company_short}的核心团队来自国内外知名药企和科研院所，拥有多年细胞药物开发经验。",
    "病毒载体是基因治疗和CAR-T产品的关键原料，长期依赖进口、产能紧张的问题一度制约行业发展。",
    "园区配套建设了人才公寓、共享会议中心和冷链物流中心，进一步降低企业运营成本。",
    "在审评审批方面，{gov}设立专人专班，为重点产品提供注册申报前置辅导。",
    "{academic}牵头的研究者发起临床研究已入组患者{n_items}例，初步数据显示安全性良好。",
    "与欧美市场相比，国内细胞治疗产品定价仍有较大下探空间，企业纷纷通过工艺优化压缩成本。",
    "业内普遍认为，实体瘤治疗是细胞疗法下一阶段最重要的突破方向之一。",
    "基因编辑技术的快速迭代，为不少遗传病的治疗带来了新的可能。",
    "{park}内的公共技术服务平台已服务企业{n_firms}家次，完成检测样本上万份。",
    "项目团队计划在三年内完成{n_items}个产品的临床前研究，并陆续递交新药临床试验申请。",
    "{district}还将设立规模{money}亿元的生物医药产业基金，重点投向细胞和基因治疗早期项目。",
    "目前国内已有多款CAR-T产品获批上市，适应症主要集中在血液肿瘤领域。",
    "干细胞治疗在骨关节、神经系统和自身免疫性疾病等领域的临床研究也在稳步推进。",
    "{company_short}相关负责人透露，公司正筹备建设第二条商业化生产线，以满足产品上市后的供应需求。",
    "为保障细胞产品从采集到回输全程可追溯，园区引入了数字化质量管理系统。",
    "{city}还与周边城市建立了生物医药产业协作机制，推动形成研发在中心城区、生产在周边园区的分工布局。",
    "多位与会专家建议，加快完善细胞治疗产品的质量标准和临床评价体系。",
    "据{gov}统计，全市生物医药产业营收连续多年保持两位数增长。",
    "{academic}与{company_short}还将在人才培养、课题申报和成果转化方面开展深度合作。",
    "受访企业普遍反映，园区提供的检测和申报服务明显缩短了研发周期。",
    "上述项目投产后，预计可带动上下游配套企业{n_firms}家，新增就业岗位{n_people}余个。",
    "在资本市场趋于谨慎的背景下，具备产业化能力的细胞治疗企业更受投资机构青睐。",
    "通用型细胞疗法有望打破“一人一药”的限制，被认为是降低成本的重要路径。",
)
APPROVALS = (
    "{past_day}，{company_short}自主研发的{product}获得国家药品监督管理局药品审评中心受理，拟用于治疗{indication}。",
    "{past_month}，{company_short}的{product}获批开展Ⅰ期临床试验，成为{province}首个进入临床阶段的同类产品。",
    "{cn_day}，国家药品监督管理局批准{company}申报的{product}上市，用于治疗{indication}成人患者。",
)
FACTS = (
    "截至{fact_when}，{park}已累计引进细胞与基因治疗相关企业{n_firms}家，在研管线超过{n_items}条。",
    "自{since_year}年起，{city}每年安排不少于{money}亿元专项资金支持细胞和基因治疗产业发展。",
    "{since_year}年以来，{company_short}已累计为{n_people}余名患者提供细胞制备服务。",
    "截至{fact_when}，{city}生物医药产业规模已突破{money_big}亿元，集聚相关企业{n_people}余家。",
)
PLANS = (
    "根据规划，{range}，{district}将新增细胞治疗产业用地{area_mu}亩，力争到{future_year}年产业规模突破{money_big}亿元。",
    "按照计划，项目一期将于{future_month}建成，{future_year}年实现投产。",
    "《{city}市细胞和基因治疗产业发展行动计划（{range}）》提出，将培育{n_items}家以上具有核心竞争力的龙头企业。",
    "{this_year_month}，{gov}已启动新一轮产业扶持政策的修订工作，预计年内出台。",
)
HISTORY = (
    "{company}成立于{found_year}年，{last_year_month}完成新一轮融资，投资方包括多家知名医疗产业基金。",
    "早在{past_month}，{company_short}便与{academic}签署战略合作协议，共建细胞治疗联合研究中心。",
    "{past_day}，{alliance}召开第一届理事会，审议通过联盟章程和年度工作计划。",
)
SPEECHES = (
    "{speaker}在致辞中表示，{quote}",
    "“{quote}”{speaker}说。",
    "{speaker}接受记者采访时介绍，{quote}",
    "谈及未来发展，{speaker}表示：“{quote}”",
)
CAPTIONS = ("▲{md}，活动现场。（{reporter}摄）", "图为{park}效果图。", "（图片来源：{outlet}）", "{md}，签约仪式现场。记者 {reporter} 摄")
HEADLINES = (
    "{city}出台细胞治疗产业扶持政策", "{company_short}完成新一轮融资", "{alliance}召开年度工作会议",
    "{province}首个CAR-T产品获批上市", "{park}二期项目开工", "{city}打造生物医药产业高地",
    "{company_short}{product}临床试验完成首例患者给药", "专家解读：细胞治疗如何走向普惠",
)
TRAILER_HEADINGS = ("相关推荐", "相关阅读", "推荐阅读", "相关新闻", "为你推荐")
FOOTERS = (
    "新闻热线：{area_code}-{phone}", "{icp}ICP备{icp_no}号", "© 2010-2025 {media_group} 版权所有",
    "Copyright © 2008-2025 {media_group}", "{icp}公网安备{police_no}号", "互联网新闻信息服务许可证：{licence}",
    "分享到：微信 微博 QQ空间", "扫一扫，手机阅读",
)
PINYIN = {
    "产": "chǎn", "產": "chǎn", "业": "yè", "業": "yè", "园": "yuán", "園": "yuán", "区": "qū", "區": "qū",
    "发": "fā", "發": "fā", "创": "chuàng", "創": "chuàng", "时": "shí", "時": "shí", "据": "jù", "據": "jù",
    "与": "yǔ", "與": "yǔ", "场": "chǎng", "場": "chǎng", "动": "dòng", "動": "dòng", "项": "xiàng",
    "項": "xiàng", "设": "shè", "設": "shè", "药": "yào", "藥": "yào", "疗": "liáo", "療": "liáo", "细": "xì",
    "細": "xì", "医": "yī", "醫": "yī", "学": "xué", "學": "xué", "临": "lín", "臨": "lín", "协": "xié",
    "協": "xié", "经": "jīng", "經": "jīng", "营": "yíng", "營": "yíng", "验": "yàn", "驗": "yàn", "绿": "lǜ",
    "綠": "lǜ", "领": "lǐng", "領": "lǐng", "苏": "sū", "蘇": "sū", "杭": "háng", "广": "guǎng", "廣": "guǎng",
}
CN_DIGITS = "〇一二三四五六七八九"
HALF_WIDTH = str.maketrans("，：；！？（）", ",:;!?()")
PINYIN_CHAR = re.compile("[" + "".join(PINYIN) + "]")
FORMATTER = string.Formatter()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write N synthetic Chinese CGT news pages (*.txt) to OUTDIR.")
    parser.add_argument("n", type=int, metavar="N", help="number of articles")
    parser.add_argument("outdir", type=Path, metavar="OUTDIR")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    size = write_corpus(args.n, args.outdir, args.seed)
    seconds = time.perf_counter() - started
    print(f"wrote {args.n} articles, {size / 1e6:.1f} MB, to {args.outdir} in {seconds:.1f} s", file=sys.stderr)


def write_corpus(n: int, outdir: Path, seed: int) -> int:
    """Write articles 0..n-1; return the number of bytes written."""
    total = 0
    for k in range(n):
        rng = random.Random(f"{seed}:{k}")
        folder = outdir / f"g{k // (PER_FOLDER * 10):02d}" / f"b{k // PER_FOLDER:03d}"
        if k % PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        data = article(rng).encode("utf-8")
        (folder / f"{k:06d}_{rng.getrandbits(64):016x}.txt").write_bytes(data)
        total += len(data)
    return total


def article(rng: random.Random) -> str:
    """One page: header, body and furniture, in its script and punctuation style."""
    cast = make_cast(rng)
    pieces = header(rng, cast) + body(rng, cast) + trailer(rng, cast)
    traditional = rng.random() < TRADITIONAL_SHARE
    text = "".join(map(to_traditional, pieces)) if traditional else "".join(pieces)
    if rng.random() < HALF_WIDTH_SHARE:
        text = text.translate(HALF_WIDTH)
    if rng.random() < PINYIN_SHARE:
        text = annotate_pinyin(rng, text)
    return text


@functools.cache
def _s2t():
    from opencc import OpenCC

    return OpenCC("s2t")


@functools.lru_cache(maxsize=1 << 17)
def to_traditional(piece: str) -> str:
    """Simplified→Traditional, one template piece or name at a time (cached, so fast)."""
    return piece if piece.isascii() else _s2t().convert(piece)


def annotate_pinyin(rng: random.Random, text: str) -> str:
    """Glue toned pinyin after about a third of the characters the table knows."""
    return PINYIN_CHAR.sub(lambda m: f"{m[0]}({PINYIN[m[0]]})" if rng.random() < 0.3 else m[0], text)


def fill(template: str, cast: dict) -> list[str]:
    """The template as pieces: literal text and field values, in order."""
    pieces = []
    for literal, name, _spec, _conversion in FORMATTER.parse(template):
        pieces.append(literal)
        if name is not None:
            value = cast[name]
            pieces.append(value() if callable(value) else value)
    return pieces


def make_cast(rng: random.Random) -> dict:
    """The names, people, numbers and dates one article talks about."""
    cast = names(rng) | {"decks": {}}
    cast |= people(rng, cast) | numbers(rng) | dates(rng) | furniture(rng, cast)
    cast["lead"] = rng.randrange(len(LEADS))
    cast["header_style"] = rng.choice(("dateline", "source", "spaced", "labelled", "none"))
    if cast["header_style"] == "none":
        cast["when"] = full_date(cast["event"])
    else:
        cast["when"] = month_day(cast["event"]) + rng.choice(("", "上午", "下午", "晚间"))
    return cast


def names(rng: random.Random) -> dict:
    """A city and the organisations of the story, all invented."""
    city = rng.choice(list(CITIES))
    province, _icp, _area, districts = CITIES[city]
    district = rng.choice(districts)
    core = rng.choice(CORES)
    return {
        "city": city, "province": province, "district": district,
        "company": rng.choice((city, province, "")) + core + rng.choice(COMPANY_ENDINGS),
        "company_short": core + rng.choice(SHORT_ENDINGS),
        "park": rng.choice((city, district)) + rng.choice(PARK_CORES) + rng.choice(PARK_ENDINGS),
        "alliance": rng.choice((city, province)) + rng.choice(ALLIANCES),
        "gov": city + rng.choice(GOV),
        "academic": city + rng.choice(ACADEMIC),
        "venue": rng.choice((city, district)) + rng.choice(VENUES),
        "product": rng.choice(PRODUCTS),
        "indication": rng.choice(INDICATIONS),
        "code": "".join(rng.choices(string.ascii_uppercase, k=2)) + f"-{rng.randint(100, 999)}",
    }


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2))))


def people(rng: random.Random, cast: dict) -> dict:
    """A company head, an official and an academic in a random order, and a reporter."""
    speakers = [
        cast["company"] + rng.choice(COMPANY_TITLES) + person_name(rng),
        cast["gov"] + rng.choice(GOV_TITLES) + person_name(rng),
        cast["academic"] + rng.choice(ACADEMIC_TITLES) + person_name(rng),
    ]
    rng.shuffle(speakers)
    return {
        "person_a": speakers[0], "person_b": speakers[1], "person_c": speakers[2],
        "speaker": lambda: rng.choice(speakers),
        "reporter": person_name(rng), "quote": lambda: draw(rng, cast, QUOTES),
    }


def numbers(rng: random.Random) -> dict:
    """Counts and amounts, drawn afresh each time a template uses them."""
    return {
        "n_firms": lambda: rng.choice((str(rng.randint(5, 60)), cn_number(rng.randint(3, 30)))),
        "n_people": lambda: str(rng.choice((50, 80, 100, 200, 300, 500, 1000))),
        "n_items": lambda: str(rng.randint(3, 40)),
        "money": lambda: rng.choice((str(rng.randint(2, 80)), f"{rng.randint(1, 30)}.{rng.randint(1, 9)}")),
        "money_big": lambda: str(rng.choice((100, 200, 300, 500, 800, 1000))),
        "area": lambda: f"{rng.randint(1, 30)}.{rng.randint(1, 9)}万",
        "area_km": lambda: f"{rng.randint(1, 12)}.{rng.randint(1, 9)}",
        "area_mu": lambda: str(rng.randint(50, 900)),
    }


def furniture(rng: random.Random, cast: dict) -> dict:
    """Outlet, media group and the numbers of hotline, licence and copyright lines."""
    place = {"city": cast["city"], "province": cast["province"]}
    _province, icp, area_code, _districts = CITIES[cast["city"]]
    return {
        "outlet": rng.choice(OUTLET_FORMS).format(**place),
        "media_group": rng.choice(MEDIA_GROUPS).format(**place),
        "icp": icp,
        "area_code": area_code,
        "phone": "8" + "".join(rng.choices(string.digits, k=7)),
        "icp_no": "".join(rng.choices(string.digits, k=8)) + rng.choice(("", "-1", "-2")),
        "police_no": "".join(rng.choices(string.digits, k=14)),
        "licence": "".join(rng.choices(string.digits, k=11)),
    }


def dates(rng: random.Random) -> dict:
    """The published day, the day of the main event and dates around them, in many forms."""
    published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    event = published - timedelta(days=rng.choice((0, 1, 1, 2, 3, 5)))

    def past() -> date:
        return published - timedelta(days=rng.randint(30, 1500))

    return {
        "published": published, "event": event, "md": month_day(event),
        "past_day": lambda: full_date(past()),
        "cn_day": lambda: cn_date(past()),
        "past_month": lambda: f"{past():%Y}年{past().month}月",
        "this_year_month": lambda: relative_month(rng, published),
        "last_year_month": lambda: f"去年{rng.randint(1, 12)}月",
        "fact_when": lambda: fact_date(rng, published),
        "since_year": lambda: str(published.year - rng.randint(1, 6)),
        "found_year": lambda: str(published.year - rng.randint(3, 15)),
        "range": lambda: year_range(rng, published.year),
        "future_year": lambda: str(published.year + rng.randint(1, 5)),
        "future_month": lambda: f"{published.year + rng.randint(0, 2)}年{rng.randint(1, 12)}月"
        + rng.choice(("", "底", "中旬")),
    }


def full_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def month_day(day: date) -> str:
    return f"{day.month}月{day.day}日"


def cn_number(n: int) -> str:
    """1-99 in Chinese numerals: 三, 十二, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[ones] if ones or not tens else "")


def cn_date(day: date) -> str:
    """二〇二一年五月六日."""
    year = "".join(CN_DIGITS[int(d)] for d in str(day.year))
    return f"{year}年{cn_number(day.month)}月{cn_number(day.day)}日"


def relative_month(rng: random.Random, published: date) -> str:
    if published.month == 1:
        return f"去年{rng.randint(6, 12)}月"
    return f"今年{rng.randint(1, published.month - 1)}月"


def fact_date(rng: random.Random, published: date) -> str:
    year = published.year - 1
    return rng.choice((f"{year}年底", f"{year}年12月", "目前", f"{published.year}年{published.month}月", "今年上半年"))


def year_range(rng: random.Random, year: int) -> str:
    start = year + rng.choice((0, 1))
    dash = rng.choice(("—", "-", "—"))
    return rng.choice((f"{start}{dash}{start + 2}年", f"{start}年至{start + 4}年", f"{start}{dash}{start + 4}年"))


def header(rng: random.Random, cast: dict) -> list[str]:
    """Breadcrumb (half the pages), title, and a dateline in one of four styles or none."""
    pieces = fill(rng.choice(BREADCRUMBS), cast) + ["\n\n"] if rng.random() < 0.5 else []
    pieces += fill(LEADS[cast["lead"]][0], cast) + ["\n\n"]
    day, outlet = cast["published"], cast["outlet"]
    clock = f"{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"
    style = cast["header_style"]
    if style == "dateline":
        pieces += [outlet, f" {day.isoformat()} {clock}", rng.choice(("", " 大字 小字", " 字号"))]
    elif style == "source":
        pieces += ["来源：", outlet, "\n", f"时间：{day.isoformat()} {clock}:{rng.randint(0, 59):02d}"]
    elif style == "spaced":
        pieces += [f"{day.year} 年 {day.month} 月 {day.day} 日 ", outlet]
    elif style == "labelled":
        pieces += [f"发布时间：{day.isoformat()} {clock}　来源：", outlet, "　作者：", cast["reporter"]]
    elif rng.random() < 0.5:
        pieces += ["记者 ", cast["reporter"]]
    return pieces + ["\n\n"]


def body(rng: random.Random, cast: dict) -> list[str]:
    """The lead paragraph, then paragraphs of every kind up to the target length."""
    target = int(rng.triangular(*BODY_CHARS))
    gap = rng.choice(("\n\n", "\n", "\n\n\n"))
    _title, lead, follow_up = LEADS[cast["lead"]]
    pieces = fill(lead, cast) + fill(follow_up, cast)
    size = sum(map(len, pieces))
    while size < target:
        paragraph = rng.choices(PARAGRAPHS, weights=PARAGRAPH_WEIGHTS)[0](rng, cast)
        pieces += [gap] + paragraph
        size += sum(map(len, paragraph))
    return pieces + ["\n\n"]


def draw(rng: random.Random, cast: dict, pool: tuple[str, ...]) -> str:
    """The next template of `pool` for this article: no repeat before the pool runs out."""
    deck = cast["decks"].setdefault(pool, [])
    if not deck:
        deck.extend(rng.sample(pool, len(pool)))
    return deck.pop()


def background(rng: random.Random, cast: dict) -> list[str]:
    """Two to five background sentences, some with an opener such as 据了解."""
    pieces = []
    for _ in range(rng.randint(2, 5)):
        opener = rng.choice(OPENERS) if rng.random() < 0.25 else ""
        pieces += [opener] + fill(draw(rng, cast, BACKGROUND), cast)
    return pieces


def dated(rng: random.Random, cast: dict) -> list[str]:
    """A dated sentence (approval, status fact, plan or history) opening a paragraph."""
    group = rng.choice((APPROVALS, FACTS, PLANS, HISTORY))
    return fill(draw(rng, cast, group), cast) + fill(draw(rng, cast, BACKGROUND), cast)


def speech(rng: random.Random, cast: dict) -> list[str]:
    return fill(rng.choice(SPEECHES), cast)


def short_line(rng: random.Random, cast: dict) -> list[str]:
    """A subheading or a photo caption."""
    return fill(draw(rng, cast, SUBHEADINGS + CAPTIONS), cast)


PARAGRAPHS = (background, dated, speech, short_line)
PARAGRAPH_WEIGHTS = (4, 5, 2, 1)


def trailer(rng: random.Random, cast: dict) -> list[str]:
    """Editor line (often), recommended headlines (usually) and footer lines."""
    pieces = ["责任编辑：", person_name(rng), "\n\n"] if rng.random() < 0.6 else []
    if rng.random() < 0.8:
        pieces += [rng.choice(TRAILER_HEADINGS), "\n"] + recommended(rng, cast["published"])
    for template in rng.sample(FOOTERS, rng.randint(2, 5)):
        pieces += fill(template, cast) + ["\n"]
    return pieces


def recommended(rng: random.Random, published: date) -> list[str]:
    """Three to six dated headlines about other cities and companies."""
    pieces: list[str] = []
    for _ in range(rng.randint(3, 6)):
        day = published - timedelta(days=rng.randint(1, 400))
        bullet = rng.choice(("- ", "· ", ""))
        separator = rng.choice(("  ", "\n"))
        pieces += [bullet] + fill(rng.choice(HEADLINES), names(rng)) + [separator, day.isoformat(), "\n"]
    return pieces + ["\n"]


if __name__ == "__main__":
    main()
