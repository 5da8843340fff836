import type { Messages } from '../../messages';
import type { filters as en } from '../en/filters';

export const filters: Messages<typeof en> = {
  by: '按{{what}}筛选', search: '搜索{{what}}', range: '筛选{{what}}', searchButton: '搜索', filterButton: '筛选',
  words: {
    name: '名称', type: '类型', level: '风险等级', approvalRole: '审批角色', associatedHosts: '关联主机', status: '状态',
    creator: '创建人', created: '创建时间', state: '状态',
  },
};
