// The demo district. Every name and number is invented and everything is marked 演示:
// nothing here describes a real person.

const district = { id: 'demo_district', name: '明白县（演示）' };

const schools = [
  {
    id: 'demo_primary',
    districtId: district.id,
    name: '明白县第一小学（演示）',
    stage: 'primary',
    ownership: 'public' as const,
    residence: 'rural' as const,
  },
  {
    id: 'demo_junior',
    districtId: district.id,
    name: '明白县实验初级中学（演示）',
    stage: 'junior_secondary',
    ownership: 'public' as const,
    residence: 'urban' as const,
  },
];

const term = { schoolYear: '2026-2027', term: 'autumn' as const };
const classes = [
  { id: 'demo_p3_2', schoolId: 'demo_primary', grade: 3, name: '三年级二班', ...term },
  { id: 'demo_p5_1', schoolId: 'demo_primary', grade: 5, name: '五年级一班', ...term },
  { id: 'demo_j7_1', schoolId: 'demo_junior', grade: 7, name: '七年级一班', ...term },
  { id: 'demo_j8_3', schoolId: 'demo_junior', grade: 8, name: '八年级三班', ...term },
];

const students = [
  {
    id: 'demo_s1',
    schoolId: 'demo_primary',
    classId: 'demo_p3_2',
    studentNumber: 'D20230201',
    name: '王小明',
    boarding: false,
  },
  {
    id: 'demo_s2',
    schoolId: 'demo_primary',
    classId: 'demo_p3_2',
    studentNumber: 'D20230202',
    name: '李朵朵',
    boarding: false,
  },
  {
    id: 'demo_s3',
    schoolId: 'demo_primary',
    classId: 'demo_p5_1',
    studentNumber: 'D20210101',
    name: '张子涵',
    boarding: true,
  },
  {
    id: 'demo_s4',
    schoolId: 'demo_junior',
    classId: 'demo_j7_1',
    studentNumber: 'D20260101',
    name: '陈一诺',
    boarding: true,
  },
  {
    id: 'demo_s5',
    schoolId: 'demo_junior',
    classId: 'demo_j7_1',
    studentNumber: 'D20260102',
    name: '刘浩然',
    boarding: false,
  },
  {
    id: 'demo_s6',
    schoolId: 'demo_junior',
    classId: 'demo_j8_3',
    studentNumber: 'D20250301',
    name: '赵欣怡',
    boarding: true,
  },
];

const guardians = [
  { id: 'demo_g1', name: '王建国', phone: '13800000001' },
  { id: 'demo_g2', name: '刘芳', phone: '13800000002' },
  { id: 'demo_g3', name: '李强', phone: '13800000003' },
  { id: 'demo_g4', name: '张秀英', phone: '13800000004' },
  { id: 'demo_g5', name: '陈伟', phone: '13800000005' },
  { id: 'demo_g6', name: '刘军', phone: '13800000006' },
  { id: 'demo_g7', name: '赵桂兰', phone: '13800000007' },
];

const links = [
  { studentId: 'demo_s1', guardianId: 'demo_g1', relation: 'father' as const },
  { studentId: 'demo_s1', guardianId: 'demo_g2', relation: 'mother' as const },
  { studentId: 'demo_s2', guardianId: 'demo_g3', relation: 'father' as const },
  { studentId: 'demo_s3', guardianId: 'demo_g4', relation: 'grandparent' as const },
  { studentId: 'demo_s4', guardianId: 'demo_g5', relation: 'father' as const },
  { studentId: 'demo_s5', guardianId: 'demo_g6', relation: 'father' as const },
  { studentId: 'demo_s6', guardianId: 'demo_g7', relation: 'maternal_grandparent' as const },
  // One guardian with two children at different schools.
  { studentId: 'demo_s4', guardianId: 'demo_g4', relation: 'other_guardian' as const },
];

const staff = [
  {
    id: 'demo_teacher',
    username: 'demo-teacher',
    displayName: '周老师（演示班主任）',
    role: 'class_teacher' as const,
    schoolId: 'demo_primary',
    districtId: district.id,
  },
  {
    id: 'demo_officer',
    username: 'demo-officer',
    displayName: '吴老师（演示资助专干）',
    role: 'school_officer' as const,
    schoolId: 'demo_primary',
    districtId: district.id,
  },
  {
    id: 'demo_district_officer',
    username: 'demo-district',
    displayName: '郑老师（演示县资助中心）',
    role: 'district_officer' as const,
    schoolId: null,
    districtId: district.id,
  },
];

const teacherClasses = [{ staffId: 'demo_teacher', classId: 'demo_p3_2' }];

export const DEMO_SCHOOL = { district, schools, classes, students, guardians, links, staff, teacherClasses };
