// Annotation guidelines of the four default labels, for political news. New projects get them with
// their labels; migration 007 gives them to older projects whose default labels have none.
export interface LabelGuideline {
  descriptionZh: string;
  descriptionEn: string;
  examples: string[];
}

export const DEFAULT_GUIDELINES: Record<'PERSON' | 'SLOGAN' | 'PROJECT' | 'TARGET', LabelGuideline> = {
  PERSON: {
    descriptionZh:
      '有名有姓的具体人名，带或不带职务、头衔。职务紧挨人名时连同职务一起标注（“市委书记蔡奇”）；只有职务没有人名（“区长”“有关负责人”）不标；' +
      '泛指的群体（“广大党员干部”）不标。同一句里并列的多个人名分别标注。',
    descriptionEn:
      'Named people, with or without a title. When a title stands right before the name, include it (“市委书记蔡奇”, Party Secretary Cai Qi); ' +
      'a title without a name (“区长”, the district mayor) and groups (“广大党员干部”, Party members and cadres) are not marked. Mark each person of a list separately.',
    examples: ['蔡奇', '市委书记蔡奇', '殷勇', '区委书记张延昆'],
  },
  SLOGAN: {
    descriptionZh:
      '固定的政治口号、提法和表述，通常带引号或有固定字数（“四个意识”“两个维护”）。带引号时连同引号一起标注，两端引号要成对；' + '只是普通描述的句子不标。',
    descriptionEn:
      'Fixed political slogans and formulations, usually in quotation marks or of a set form (“四个意识”, the Four Consciousnesses; “两个维护”, the Two Upholds). ' +
      'Include the quotation marks when there are any, both of them; ordinary descriptive sentences are not slogans.',
    examples: ['“四个意识”', '“两个维护”', '“两个确立”', '高质量发展'],
  },
  PROJECT: {
    descriptionZh:
      '有专名的工程、项目、园区、功能区、示范区和重点工程（“未来科学城”“温榆河公园”）。标注完整名称，含地名前缀；' +
      '泛称（“重点项目”“这个园区”）不标。所在区可填在“所在区”属性里。',
    descriptionEn:
      'Named projects, works, parks, zones and pilot areas (“未来科学城”, Future Science City; “温榆河公园”, Wenyu River Park). ' +
      'Mark the full name with its place prefix; generic words (“重点项目”, key projects) are not marked. Put the district in the District attribute.',
    examples: ['未来科学城', '温榆河公园', '怀柔科学城', '中关村科学城'],
  },
  TARGET: {
    descriptionZh:
      '有数量或期限的目标和指标：标注从指标名到数值（含单位）的整段（“森林覆盖率提高到48.7%”）或带数量的目标（“千亿元产业集群”）。' +
      '没有数量也没有期限的愿景（“更加美好”）不标。数值、单位和期限填在属性里。',
    descriptionEn:
      'Quantified or dated goals: mark from the indicator to its value with the unit (“森林覆盖率提高到48.7%”, raise forest cover to 48.7%) ' +
      'or the quantified goal itself (“千亿元产业集群”, a hundred-billion-yuan industrial cluster). Visions with neither a number nor a date are not targets. ' +
      'Put value, unit and deadline in the attributes.',
    examples: ['千亿元产业集群', '森林覆盖率提高到48.7%', '到2025年'],
  },
};
