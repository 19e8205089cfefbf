/**
 * Word lists for the benchmark corpus: places, topics, names, sentence templates in English and
 * Chinese. Invented for the benchmark (no real people); the mix of scripts, lengths and Markdown it
 * produces is what the build has to handle in a real news archive.
 *
 * Templates use placeholders the generator fills: {city} {topic} {Topic} {kind} {Kind} {event}
 * {speaker} {speaker2} {org} {year} {n} {pct} {big} (a capital letter: capitalised in English).
 *
 * Over 300 lines because it is data: word lists, one term or template a line; splitting them would
 * only scatter one vocabulary over several files.
 */

/** A term in both languages. */
export interface Bilingual {
  /** English. */
  readonly en: string;
  /** Chinese (simplified). */
  readonly zh: string;
}

/** A term in both languages with a URL-safe form for ids and slugs. */
export interface SluggedTerm extends Bilingual {
  /** Lowercase ASCII words joined by hyphens. */
  readonly slug: string;
}

/** A part of an organisation name and its letters in the acronym. */
export interface NamePart extends Bilingual {
  /** Letters it contributes to the short name (`IPO`). */
  readonly abbr: string;
}

/** A tag of the vocabulary. */
export interface TagTerm extends Bilingual {
  /** The tag id. */
  readonly id: string;
}

/** Cities where events take place. */
export const CITIES: readonly SluggedTerm[] = [
  { en: 'Beijing', zh: '北京', slug: 'beijing' },
  { en: 'Shanghai', zh: '上海', slug: 'shanghai' },
  { en: 'Shenzhen', zh: '深圳', slug: 'shenzhen' },
  { en: 'Guangzhou', zh: '广州', slug: 'guangzhou' },
  { en: 'Hangzhou', zh: '杭州', slug: 'hangzhou' },
  { en: 'Nanjing', zh: '南京', slug: 'nanjing' },
  { en: 'Chengdu', zh: '成都', slug: 'chengdu' },
  { en: 'Wuhan', zh: '武汉', slug: 'wuhan' },
  { en: "Xi'an", zh: '西安', slug: 'xian' },
  { en: 'Suzhou', zh: '苏州', slug: 'suzhou' },
  { en: 'Tianjin', zh: '天津', slug: 'tianjin' },
  { en: 'Hefei', zh: '合肥', slug: 'hefei' },
  { en: 'Qingdao', zh: '青岛', slug: 'qingdao' },
  { en: 'Xiamen', zh: '厦门', slug: 'xiamen' },
  { en: 'Hong Kong', zh: '香港', slug: 'hong-kong' },
  { en: 'Macao', zh: '澳门', slug: 'macao' },
  { en: 'Geneva', zh: '日内瓦', slug: 'geneva' },
  { en: 'Singapore', zh: '新加坡', slug: 'singapore' },
];

/** What stories and events are about. */
export const TOPICS: readonly SluggedTerm[] = [
  { en: 'patent quality', zh: '专利质量', slug: 'patent-quality' },
  { en: 'trademark enforcement', zh: '商标执法', slug: 'trademark-enforcement' },
  { en: 'copyright licensing', zh: '版权许可', slug: 'copyright-licensing' },
  { en: 'geographical indications', zh: '地理标志', slug: 'geographical-indications' },
  { en: 'trade secret protection', zh: '商业秘密保护', slug: 'trade-secrets' },
  { en: 'data intellectual property', zh: '数据知识产权', slug: 'data-ip' },
  { en: 'AI-assisted inventions', zh: '人工智能辅助发明', slug: 'ai-inventions' },
  { en: 'green technology patents', zh: '绿色技术专利', slug: 'green-patents' },
  { en: 'technology transfer', zh: '技术转移', slug: 'technology-transfer' },
  { en: 'patent-backed financing', zh: '专利质押融资', slug: 'ip-financing' },
  { en: 'university patent commercialisation', zh: '高校专利转化', slug: 'university-patents' },
  { en: 'standard-essential patents', zh: '标准必要专利', slug: 'sep' },
  { en: 'plant variety protection', zh: '植物新品种保护', slug: 'plant-varieties' },
  { en: 'industrial design protection', zh: '外观设计保护', slug: 'design-protection' },
  { en: 'science and technology clusters', zh: '科技集群', slug: 'clusters' },
  { en: 'IP public services', zh: '知识产权公共服务', slug: 'ip-services' },
  { en: 'cross-border e-commerce', zh: '跨境电商', slug: 'e-commerce' },
  { en: 'biomedical innovation', zh: '生物医药创新', slug: 'biomedicine' },
];

/** Kinds of events. */
export const EVENT_KINDS: readonly SluggedTerm[] = [
  { en: 'Forum', zh: '论坛', slug: 'forum' },
  { en: 'Summit', zh: '峰会', slug: 'summit' },
  { en: 'Conference', zh: '大会', slug: 'conference' },
  { en: 'Symposium', zh: '研讨会', slug: 'symposium' },
  { en: 'Seminar', zh: '研修班', slug: 'seminar' },
  { en: 'Roundtable', zh: '圆桌会', slug: 'roundtable' },
  { en: 'Expo', zh: '博览会', slug: 'expo' },
  { en: 'Training Course', zh: '培训班', slug: 'training' },
  { en: 'Press Conference', zh: '新闻发布会', slug: 'press-conference' },
  { en: 'Workshop', zh: '工作坊', slug: 'workshop' },
];

/** Larger events that others are part of (`partOf`). */
export const FESTIVALS: readonly SluggedTerm[] = [
  { en: 'Intellectual Property Week', zh: '知识产权宣传周', slug: 'ip-week' },
  { en: 'Innovation Festival', zh: '创新节', slug: 'innovation-festival' },
  { en: 'Science and Technology Week', zh: '科技活动周', slug: 'science-week' },
  { en: 'International Fair for Technology Trade', zh: '国际技术贸易博览会', slug: 'technology-fair' },
  { en: 'Open Innovation Congress', zh: '开放创新大会', slug: 'open-innovation-congress' },
];

/** Venues, in the host city. */
export const VENUES: readonly Bilingual[] = [
  { en: 'International Convention Centre', zh: '国际会议中心' },
  { en: 'Exhibition Centre, Hall 3', zh: '会展中心3号馆' },
  { en: 'Science Park Auditorium', zh: '科技园报告厅' },
  { en: 'University Conference Hall', zh: '大学会议厅' },
  { en: 'Riverside Hotel, Ballroom', zh: '滨江酒店宴会厅' },
  { en: 'Municipal Library Lecture Hall', zh: '市图书馆报告厅' },
  { en: 'Innovation Tower, 12th floor', zh: '创新大厦12层' },
  { en: 'Intellectual Property Court, Room 1', zh: '知识产权法庭第一审判庭' },
];

/** Themes of events. */
export const THEMES: readonly Bilingual[] = [
  { en: 'Protecting innovation, serving development', zh: '保护创新，服务发展' },
  { en: 'Open cooperation for shared growth', zh: '开放合作，共享发展' },
  { en: 'From laboratory to market', zh: '从实验室走向市场' },
  { en: 'Intellectual property for a green future', zh: '知识产权助力绿色未来' },
  { en: 'Data, trust and the digital economy', zh: '数据、信任与数字经济' },
  { en: 'Small firms, big ideas', zh: '小企业，大创意' },
  { en: 'Rules that reward invention', zh: '激励发明的规则' },
  { en: 'Clusters that connect the world', zh: '连接世界的创新集群' },
];

/** First halves of organisation names (a place or scope). */
export const ORG_PLACES: readonly NamePart[] = [
  { en: 'National', zh: '国家', abbr: 'N' },
  { en: 'China', zh: '中国', abbr: 'C' },
  { en: 'Beijing', zh: '北京', abbr: 'BJ' },
  { en: 'Shanghai', zh: '上海', abbr: 'SH' },
  { en: 'Shenzhen', zh: '深圳', abbr: 'SZ' },
  { en: 'Guangdong', zh: '广东', abbr: 'GD' },
  { en: 'Zhejiang', zh: '浙江', abbr: 'ZJ' },
  { en: 'Jiangsu', zh: '江苏', abbr: 'JS' },
  { en: 'Sichuan', zh: '四川', abbr: 'SC' },
  { en: 'Hubei', zh: '湖北', abbr: 'HB' },
  { en: 'Tianjin', zh: '天津', abbr: 'TJ' },
  { en: 'Hong Kong', zh: '香港', abbr: 'HK' },
  { en: 'Asia-Pacific', zh: '亚太', abbr: 'AP' },
  { en: 'International', zh: '国际', abbr: 'I' },
];

/** Second halves of organisation names (the kind of body). */
export const ORG_KINDS: readonly NamePart[] = [
  { en: 'Intellectual Property Office', zh: '知识产权局', abbr: 'IPO' },
  { en: 'Patent Attorneys Association', zh: '专利代理师协会', abbr: 'PAA' },
  { en: 'Innovation Centre', zh: '创新中心', abbr: 'IC' },
  { en: 'Technology Transfer Centre', zh: '技术转移中心', abbr: 'TTC' },
  { en: 'Academy of Sciences', zh: '科学院', abbr: 'AS' },
  { en: 'University of Technology', zh: '理工大学', abbr: 'UT' },
  { en: 'Intellectual Property Tribunal', zh: '知识产权法庭', abbr: 'IPT' },
  { en: 'Trademark Association', zh: '商标协会', abbr: 'TA' },
  { en: 'Copyright Society', zh: '版权协会', abbr: 'CS' },
  { en: 'Science Park', zh: '科技园', abbr: 'SP' },
  { en: 'Standards Institute', zh: '标准化研究院', abbr: 'SI' },
  { en: 'Chamber of Commerce', zh: '商会', abbr: 'CC' },
];

/** Chinese family names: pinyin and characters. */
export const SURNAMES: readonly Bilingual[] = [
  { en: 'Wang', zh: '王' },
  { en: 'Li', zh: '李' },
  { en: 'Zhang', zh: '张' },
  { en: 'Liu', zh: '刘' },
  { en: 'Chen', zh: '陈' },
  { en: 'Yang', zh: '杨' },
  { en: 'Zhao', zh: '赵' },
  { en: 'Huang', zh: '黄' },
  { en: 'Zhou', zh: '周' },
  { en: 'Wu', zh: '吴' },
  { en: 'Xu', zh: '徐' },
  { en: 'Sun', zh: '孙' },
  { en: 'Hu', zh: '胡' },
  { en: 'Zhu', zh: '朱' },
  { en: 'Gao', zh: '高' },
  { en: 'Lin', zh: '林' },
  { en: 'He', zh: '何' },
  { en: 'Guo', zh: '郭' },
  { en: 'Ma', zh: '马' },
  { en: 'Luo', zh: '罗' },
  { en: 'Liang', zh: '梁' },
  { en: 'Song', zh: '宋' },
  { en: 'Zheng', zh: '郑' },
  { en: 'Xie', zh: '谢' },
  { en: 'Ouyang', zh: '欧阳' },
  { en: 'Lyu', zh: '吕' },
];

/** Chinese given names: pinyin and characters. */
export const GIVEN_NAMES: readonly Bilingual[] = [
  { en: 'Wei', zh: '伟' },
  { en: 'Fang', zh: '芳' },
  { en: 'Min', zh: '敏' },
  { en: 'Jing', zh: '静' },
  { en: 'Lei', zh: '磊' },
  { en: 'Qiang', zh: '强' },
  { en: 'Yan', zh: '燕' },
  { en: 'Jun', zh: '军' },
  { en: 'Tao', zh: '涛' },
  { en: 'Ming', zh: '明' },
  { en: 'Chao', zh: '超' },
  { en: 'Xiuying', zh: '秀英' },
  { en: 'Guiying', zh: '桂英' },
  { en: 'Jianhua', zh: '建华' },
  { en: 'Zhiqiang', zh: '志强' },
  { en: 'Haiyan', zh: '海燕' },
  { en: 'Xiaoming', zh: '晓明' },
  { en: 'Yufei', zh: '宇飞' },
  { en: 'Ruolan', zh: '若兰' },
  { en: 'Zihan', zh: '子涵' },
  { en: 'Haoran', zh: '浩然' },
  { en: 'Yiting', zh: '怡婷' },
  { en: 'Jiawei', zh: '嘉伟' },
  { en: 'Shuang', zh: '爽' },
  { en: 'Kaiwen', zh: '凯文' },
  { en: 'Mengyao', zh: '梦瑶' },
  { en: 'Wenjie', zh: '文杰' },
  { en: 'Xinyi', zh: '欣怡' },
  { en: 'Bo', zh: '博' },
  { en: 'Ning', zh: '宁' },
];

/** Given names of speakers from abroad, with their usual Chinese transcription. */
export const FOREIGN_GIVEN_NAMES: readonly Bilingual[] = [
  { en: 'Amelia', zh: '阿米莉亚' },
  { en: 'Lucas', zh: '卢卡斯' },
  { en: 'Sofia', zh: '索菲娅' },
  { en: 'Daniel', zh: '丹尼尔' },
  { en: 'Hélène', zh: '埃莱娜' },
  { en: 'Marco', zh: '马可' },
  { en: 'Ingrid', zh: '英格丽德' },
  { en: 'Kenji', zh: '健二' },
  { en: 'Priya', zh: '普丽娅' },
  { en: 'Oliver', zh: '奥利弗' },
];

/** Family names of speakers from abroad, with their usual Chinese transcription. */
export const FOREIGN_SURNAMES: readonly Bilingual[] = [
  { en: 'Hart', zh: '哈特' },
  { en: 'Marchetti', zh: '马尔凯蒂' },
  { en: 'Novak', zh: '诺瓦克' },
  { en: 'Fischer', zh: '菲舍尔' },
  { en: 'Dubois', zh: '杜波依斯' },
  { en: 'Okafor', zh: '奥卡福' },
  { en: 'Lindqvist', zh: '林德奎斯特' },
  { en: 'Tanaka', zh: '田中' },
  { en: 'Mehta', zh: '梅塔' },
  { en: 'García', zh: '加西亚' },
];

/** Usual roles of speakers. */
export const ROLES: readonly Bilingual[] = [
  { en: 'Director General', zh: '局长' },
  { en: 'Deputy Director', zh: '副主任' },
  { en: 'Professor of Law', zh: '法学教授' },
  { en: 'President', zh: '院长' },
  { en: 'Secretary-General', zh: '秘书长' },
  { en: 'Presiding Judge', zh: '审判长' },
  { en: 'Chief Economist', zh: '首席经济学家' },
  { en: 'Senior Legal Counsel', zh: '高级法律顾问' },
  { en: 'Head of Licensing', zh: '许可业务负责人' },
  { en: 'Chair of the Board', zh: '董事长' },
  { en: 'Research Fellow', zh: '研究员' },
  { en: 'Senior Patent Examiner', zh: '高级专利审查员' },
];

/** Roles a speaker held in one story (the per-article `role`). */
export const STORY_ROLES: readonly Bilingual[] = [
  { en: 'chair of the opening ceremony', zh: '开幕式主持人' },
  { en: 'keynote speaker', zh: '主旨演讲嘉宾' },
  { en: 'moderator of the panel discussion', zh: '圆桌讨论主持人' },
  { en: 'speaking on behalf of the organisers', zh: '代表主办方致辞' },
  { en: 'presenting the annual report', zh: '发布年度报告' },
  { en: 'closing remarks', zh: '致闭幕辞' },
  { en: 'by video link', zh: '视频连线发言' },
  { en: 'written address', zh: '书面致辞' },
];

/** The tag vocabulary (a controlled list: it does not grow with the archive). */
export const TAGS: readonly TagTerm[] = [
  { id: 'intellectual-property', en: 'Intellectual property', zh: '知识产权' },
  { id: 'patents', en: 'Patents', zh: '专利' },
  { id: 'trademarks', en: 'Trademarks', zh: '商标' },
  { id: 'copyright', en: 'Copyright', zh: '著作权' },
  { id: 'innovation', en: 'Innovation', zh: '创新' },
  { id: 'international-cooperation', en: 'International cooperation', zh: '国际合作' },
  { id: 'geographical-indications', en: 'Geographical indications', zh: '地理标志' },
  { id: 'trade-secrets', en: 'Trade secrets', zh: '商业秘密' },
  { id: 'technology-transfer', en: 'Technology transfer', zh: '技术转移' },
  { id: 'licensing', en: 'Licensing', zh: '许可' },
  { id: 'artificial-intelligence', en: 'Artificial intelligence', zh: '人工智能' },
  { id: 'green-technology', en: 'Green technology', zh: '绿色技术' },
  { id: 'standards', en: 'Standards', zh: '标准' },
  { id: 'courts', en: 'Courts and judgments', zh: '法院与判决' },
  { id: 'enforcement', en: 'Enforcement', zh: '执法' },
  { id: 'policy', en: 'Policy', zh: '政策' },
  { id: 'statistics', en: 'Statistics', zh: '统计数据' },
  { id: 'universities', en: 'Universities', zh: '高校' },
  { id: 'startups', en: 'Start-ups', zh: '初创企业' },
  { id: 'smes', en: 'Small and medium-sized enterprises', zh: '中小企业' },
  { id: 'ip-finance', en: 'IP finance', zh: '知识产权金融' },
  { id: 'digital-economy', en: 'Digital economy', zh: '数字经济' },
  { id: 'data', en: 'Data', zh: '数据' },
  { id: 'biomedicine', en: 'Biomedicine', zh: '生物医药' },
  { id: 'semiconductors', en: 'Semiconductors', zh: '半导体' },
  { id: 'agriculture', en: 'Agriculture', zh: '农业' },
  { id: 'design', en: 'Industrial design', zh: '外观设计' },
  { id: 'e-commerce', en: 'E-commerce', zh: '电子商务' },
  { id: 'clusters', en: 'Innovation clusters', zh: '创新集群' },
  { id: 'global-innovation-index', en: 'Global Innovation Index', zh: '全球创新指数' },
  { id: 'training', en: 'Training', zh: '培训' },
  { id: 'public-services', en: 'Public services', zh: '公共服务' },
  { id: 'regional-development', en: 'Regional development', zh: '区域发展' },
  { id: 'youth', en: 'Youth', zh: '青年' },
  { id: 'women-in-innovation', en: 'Women in innovation', zh: '女性与创新' },
  { id: 'culture', en: 'Culture and creative industries', zh: '文化创意产业' },
  { id: 'plant-varieties', en: 'Plant varieties', zh: '植物新品种' },
  { id: 'mediation', en: 'Mediation and arbitration', zh: '调解与仲裁' },
  { id: 'examination', en: 'Examination', zh: '审查' },
  { id: 'world-ip-day', en: 'World Intellectual Property Day', zh: '世界知识产权日' },
  { id: 'new-quality-productive-forces', en: 'New quality productive forces', zh: '新质生产力' },
  { id: 'open-source', en: 'Open source', zh: '开源' },
  { id: 'publishing', en: 'Publishing', zh: '出版' },
  { id: 'music', en: 'Music', zh: '音乐' },
  { id: 'film', en: 'Film and television', zh: '影视' },
  { id: 'sports', en: 'Sports', zh: '体育' },
  { id: 'tourism', en: 'Tourism', zh: '旅游' },
  { id: 'customs', en: 'Customs', zh: '海关' },
];

/** Sentences of English bodies. */
export const EN_SENTENCES: readonly string[] = [
  'Delegates at the {event} in {city} agreed that {topic} has moved from the legal department to the boardroom.',
  '{speaker} told the audience that filings related to {topic} had grown by about {pct} per cent over five years.',
  'The {org} presented new guidelines intended to shorten examination times in emerging fields.',
  'Several speakers warned that a patent alone does not make a product succeed without a clear licensing plan.',
  'A recurring question was how to close the gap between laboratory results and products on the shelf.',
  'Representatives of small firms asked for cheaper ways to enforce their rights in other provinces.',
  'According to {speaker}, courts in {city} heard more than {big} intellectual property cases last year.',
  'The panel on universities discussed how inventors should share in the income from licences.',
  'Officials from the {org} described a pilot scheme in which patents serve as collateral for bank loans.',
  'The afternoon session turned to whether software that assists inventors changes who counts as the inventor.',
  'Participants noted that clusters thrive when talent, capital and research institutes sit close together.',
  'The organisers said the {event} drew about {n} hundred registered participants from {n} countries and regions.',
  'A workshop looked at practical ways to protect trade secrets when engineers move to a competitor.',
  'A comparison of licensing terms for standard-essential patents showed large differences between industries.',
  '{speaker} argued that transparent rules on damages do more for inventors than any single subsidy.',
  'Investors in the room pointed out that clear ownership of rights is now a routine item in due diligence.',
  'The discussion returned several times to the role of open-source software in joint research.',
  'Officials reported that the average examination period for invention patents had fallen to {n} months.',
  'Examples from biomedicine showed how early patent searches can steer research budgets.',
  'Several companies explained how they map competitors\u2019 portfolios before entering a new market.',
  'Young researchers presented case studies on bringing {topic} to market in {city}.',
  'A lively exchange concerned the balance between strong protection and access to essential medicines.',
  'Legal scholars reviewed recent judgments that clarified the scope of design rights for screen interfaces.',
  'The moderator asked each panellist to name one reform they would carry out in {year}.',
  '{speaker2} stressed that the most valuable patents are often cited by later inventions within a few years.',
  'The city government of {city} announced a fund to help start-ups pay for international applications.',
  'Participants agreed that questions of data ownership will shape innovation policy for the next decade.',
  'The session on chip design stressed that layout-design protection is still poorly understood by many firms.',
  'Visitors toured a nearby science park where {n} companies share laboratories and testing equipment.',
  'A report released at the meeting ranked {city} among the fastest-growing innovation clusters in the region.',
  'Several contributors called for better statistics on how licensing income is reinvested in research.',
  'The programme also featured a mock arbitration of a cross-border licensing dispute.',
  'Representatives of the {org} emphasised training for judges who handle technical evidence.',
  'Speakers from industry described a shift from counting patents to measuring their use in products.',
  'In his closing remarks, {speaker2} said that intellectual property is a way of sharing knowledge, not only of excluding others.',
  'The {org} and its partners signed a memorandum on joint training and the exchange of examiners.',
  'Figures published for the occasion show {big} applications in {year}, up {pct} per cent on the year before.',
  'Farmers\u2019 cooperatives explained how a registered geographical indication raised the price of their tea.',
];

/** Sentences of Chinese bodies. */
export const ZH_SENTENCES: readonly string[] = [
  '在{city}举行的{event}上，与会嘉宾一致认为{topic}已经从法务问题上升为企业决策层关注的核心议题。',
  '{speaker}在致辞中指出，近五年来与{topic}相关的申请量增长了约百分之{pct}。',
  '{org}发布了新的审查指南，旨在缩短新兴领域专利申请的审查周期。',
  '多位嘉宾提醒，仅有专利并不能保证产品成功，企业还需要清晰的许可策略。',
  '会议反复讨论的一个问题是如何缩小实验室成果与市场产品之间的距离。',
  '中小企业代表呼吁建立成本更低的跨地区维权渠道。',
  '据{speaker}介绍，{city}法院去年审结的知识产权案件超过{big}件。',
  '高校分论坛讨论了发明人如何合理分享许可收益。',
  '{org}的负责人介绍了以专利作为质押物获得银行贷款的试点做法。',
  '下午的议程聚焦辅助发明的软件是否会改变发明人的认定。',
  '与会者认为，人才、资本和科研机构紧密聚集是创新集群成功的关键。',
  '主办方表示，本届{event}吸引了来自{n}个国家和地区的数百名注册代表。',
  '一场工作坊专门讨论了工程师跳槽时如何切实保护商业秘密。',
  '对标准必要专利许可条件的比较显示，不同产业之间差异明显。',
  '{speaker}认为，透明的损害赔偿规则比任何单项补贴都更能激励发明人。',
  '在场的投资人指出，权属清晰已经成为尽职调查的常规内容。',
  '讨论中多次提到开源软件在联合研究中的作用。',
  '有关部门通报，发明专利平均审查周期已缩短至{n}个月。',
  '生物医药领域的案例表明，早期专利检索能够有效引导研发投入。',
  '多家企业介绍了进入新市场前如何梳理竞争对手的专利布局。',
  '青年研究人员分享了在{city}推动{topic}成果转化的案例。',
  '关于强保护与基本药物可及性之间如何平衡的讨论十分热烈。',
  '法学学者回顾了近期明确图形用户界面外观设计保护范围的判决。',
  '主持人请每位嘉宾说出一项希望在{year}年推动的改革。',
  '{speaker2}强调，最有价值的专利往往在授权后几年内就被后续发明大量引用。',
  '{city}市政府宣布设立专项资金，帮助初创企业支付国际申请费用。',
  '与会者一致认为，数据权属问题将在未来十年深刻影响创新政策。',
  '芯片设计分论坛强调，许多企业对集成电路布图设计保护仍缺乏了解。',
  '代表们参观了附近的科技园，园区内有{n}家企业共享实验室和检测设备。',
  '会上发布的报告将{city}列为区域内增长最快的创新集群之一。',
  '多位发言人呼吁完善许可收入再投入研发的统计数据。',
  '活动还模拟了一场跨境许可纠纷的仲裁。',
  '{org}的代表强调要加强审理技术类证据的法官培训。',
  '产业界嘉宾表示，企业正从统计专利数量转向衡量专利在产品中的实际运用。',
  '{speaker2}在闭幕致辞中指出，知识产权不仅是排他的工具，更是分享知识的桥梁。',
  '{org}与合作伙伴签署了联合培训和审查员交流的合作备忘录。',
  '为此次活动发布的数据显示，{year}年相关申请达{big}件，同比增长百分之{pct}。',
  '农民合作社介绍了注册地理标志后当地茶叶价格明显提高的经验。',
];

/** Headings of English bodies. */
export const EN_HEADINGS: readonly string[] = [
  'Key points',
  'From research to market',
  'Policy outlook',
  'Voices from industry',
  'Enforcement in practice',
  'What comes next',
  'Facts and figures',
  'Questions from the floor',
  'Working across borders',
  'Background',
  'The view from the courts',
  'Support for small firms',
];

/** Headings of Chinese bodies. */
export const ZH_HEADINGS: readonly string[] = [
  '要点回顾',
  '从研究走向市场',
  '政策展望',
  '产业之声',
  '执法实践',
  '下一步工作',
  '数据一览',
  '现场问答',
  '跨境合作',
  '背景',
  '司法视角',
  '服务中小企业',
];

/** Sentences that introduce a list in English. */
export const EN_LIST_INTROS: readonly string[] = [
  'The proposals discussed included:',
  'The organisers listed the following priorities for {year}:',
  'Speakers called for:',
  'The new guidelines cover:',
];

/** Sentences that introduce a list in Chinese. */
export const ZH_LIST_INTROS: readonly string[] = [
  '会上讨论的建议包括：',
  '主办方提出了{year}年的以下重点工作：',
  '嘉宾们呼吁：',
  '新指南涵盖以下内容：',
];

/** List items in English. */
export const EN_LIST_ITEMS: readonly string[] = [
  'faster examination for strategic technologies',
  'a shared database of university patents available for licensing',
  'training for small firms on protecting trade secrets',
  'clearer rules on damages in infringement cases',
  'pilot schemes for patent-backed loans',
  'closer cooperation between examination offices',
  'better statistics on licensing income',
  'guidance on inventions made with the help of software',
  'mediation services for cross-border disputes',
  'support for international applications by start-ups',
  'open data on court decisions',
  'joint laboratories in science parks',
  'a single online window for rights holders',
  'protection of traditional knowledge and crafts',
];

/** List items in Chinese. */
export const ZH_LIST_ITEMS: readonly string[] = [
  '对战略性技术实行快速审查',
  '建立高校可许可专利共享数据库',
  '为小企业提供商业秘密保护培训',
  '明确侵权案件损害赔偿规则',
  '开展专利质押贷款试点',
  '加强审查机构之间的合作',
  '完善许可收入统计',
  '出台软件辅助发明的审查指引',
  '提供跨境纠纷调解服务',
  '支持初创企业提交国际申请',
  '公开法院裁判数据',
  '在科技园共建联合实验室',
  '为权利人提供统一的线上窗口',
  '保护传统知识和传统工艺',
];

/** Quotations in English. */
export const EN_QUOTES: readonly string[] = [
  'Innovation is not one event but a long chain of small decisions, and the rules on intellectual property touch every link.',
  'A patent that stays in a drawer protects nothing and teaches nobody.',
  'Clusters grow when a researcher can walk from the laboratory to an investor\u2019s office in ten minutes.',
  'We should measure success by the products that reach people, not by the number of applications.',
  'Good rules are the ones a small company can afford to use.',
];

/** Quotations in Chinese. */
export const ZH_QUOTES: readonly string[] = [
  '创新不是一次性的事件，而是一长串细小的决策，知识产权规则贯穿其中每一个环节。',
  '锁在抽屉里的专利既保护不了什么，也教不会任何人。',
  '当研究人员十分钟就能从实验室走到投资人的办公室，集群就会自然生长。',
  '衡量成功的标准应当是惠及大众的产品，而不是申请数量。',
  '好的规则，是小企业也用得起的规则。',
];

/** Links in bodies: English text, Chinese text and the address (reserved example domains only). */
export const LINKS: readonly (Bilingual & { readonly url: string })[] = [
  { en: 'programme of the event', zh: '活动议程', url: 'https://www.example.org/programme/' },
  { en: 'full report', zh: '完整报告', url: 'https://www.example.org/reports/annual' },
  { en: 'statistics portal', zh: '统计数据门户', url: 'https://data.example.org/statistics' },
  { en: 'examination guidelines', zh: '审查指南', url: 'https://www.example.org/guidelines/examination' },
  { en: 'speakers\u2019 slides', zh: '演讲幻灯片', url: 'https://www.example.net/slides' },
  { en: 'video recording', zh: '视频回放', url: 'https://video.example.com/watch?v=forum' },
  { en: 'joint statement', zh: '联合声明', url: 'https://www.example.org/news/joint-statement' },
];

/** English headlines. */
export const EN_TITLES: readonly string[] = [
  '{city} {Kind} puts {topic} in the spotlight',
  '{org} hosts {kind} on {topic}',
  'Experts debate {topic} at {city} {Kind}',
  'New guidelines on {topic} presented in {city}',
  '{year} {Kind} on {Topic} opens in {city}',
  'What {city} has learned about {topic}',
  '{speaker} calls for closer cooperation on {topic}',
  'Record interest in {topic} at {event}',
];

/** Chinese headlines. */
export const ZH_TITLES: readonly string[] = [
  '{city}{kind}聚焦{topic}',
  '{org}举办{topic}{kind}',
  '专家齐聚{city}{kind}共话{topic}',
  '{city}发布{topic}新指引',
  '{year}年{topic}{kind}在{city}开幕',
  '{topic}：来自{city}的经验',
  '{speaker}呼吁加强{topic}领域合作',
  '{event}上{topic}受到广泛关注',
];

/** English summaries. */
export const EN_SUMMARIES: readonly string[] = [
  'Report from the {event} in {city}, with contributions from {speaker} and {speaker2}.',
  'Participants in {city} discussed {topic}, new guidelines and the statistics of {year}.',
  'The {org} and its partners met in {city} to take stock of {topic} and agree on next steps.',
  'Judges, officials and companies compared notes on {topic} at a {kind} in {city}.',
];

/** Chinese summaries. */
export const ZH_SUMMARIES: readonly string[] = [
  '{event}在{city}举行，{speaker}、{speaker2}等嘉宾参与讨论。',
  '与会者在{city}围绕{topic}、新指南和{year}年统计数据展开讨论。',
  '{org}与合作伙伴在{city}总结{topic}工作进展并商定下一步安排。',
  '法官、官员和企业代表在{city}举行的{kind}上交流{topic}经验。',
];

/** Sentences that lead into a Chinese passage quoted in an English article. */
export const EN_MIXED_INTROS: readonly string[] = [
  'The joint statement, published in Chinese, reads:',
  'The organisers summed up the discussion in Chinese as follows:',
  'In Chinese, the closing declaration says:',
];

/** Words that tell apart the slugs of several stories about the same topic in the same city. */
export const SLUG_ANGLES: readonly string[] = [
  'opens',
  'panel',
  'report',
  'guidelines',
  'figures',
  'agreement',
  'interview',
  'closes',
  'workshop',
  'visit',
  'awards',
  'launch',
];
