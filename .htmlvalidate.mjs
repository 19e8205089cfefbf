// html-validate configuration: the recommended rules, with each exception justified.
export default {
  extends: ['html-validate:recommended'],
  rules: {
    // Page titles are news headlines written by editors ("WIPO Holds a Parallel Forum on Science and
    // Technology Clusters at the 2024 Zhongguancun Forum · News Archive"); cutting them at 70
    // characters would lose information, and search engines shorten long titles themselves.
    'long-title': 'off',
  },
};
