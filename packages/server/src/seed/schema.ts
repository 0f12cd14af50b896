/**
 * The warehouse's tables: names, types and bilingual titles. The generator creates the tables from these
 * definitions (with `COMMENT ON` carrying the Chinese titles), and docs/demo-data.md is written from them.
 */
export interface ColumnSpec {
  readonly name: string;
  /** DuckDB type. */
  readonly type: string;
  /** Chinese title. */
  readonly title: string;
  /** English description. */
  readonly description: string;
}

export interface TableSpec {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** `meta`, `dimension`, `people`, `teaching` or `fact`. */
  readonly group: 'meta' | 'dimension' | 'people' | 'teaching' | 'fact';
  readonly columns: readonly ColumnSpec[];
  readonly primaryKey?: readonly string[];
}

const c = (name: string, type: string, title: string, description: string): ColumnSpec => ({
  name,
  type,
  title,
  description,
});

const table = (
  name: string,
  group: TableSpec['group'],
  title: string,
  description: string,
  columns: ColumnSpec[],
  primaryKey?: string[],
): TableSpec =>
  primaryKey
    ? { name, group, title, description, columns, primaryKey }
    : { name, group, title, description, columns };

/** Every warehouse table: metadata, dimensions, people, teaching, facts (the order of the docs). */
export const tableSpecs: readonly TableSpec[] = [
  table('seed_metadata', 'meta', '数据集元数据', 'How this warehouse was generated (one row).', [
    c('seed', 'INTEGER', '随机种子', 'Seed of the deterministic generator.'),
    c('scale', 'DOUBLE', '规模系数', 'Size factor; 1 is a ~12,000-student university.'),
    c(
      'as_of',
      'DATE',
      '数据截止日期',
      'Last day of the generated history; every relative date derives from it.',
    ),
    c(
      'format_version',
      'INTEGER',
      '数据格式版本',
      'Version of the seed format; bumped when tables or generation change.',
    ),
    c('generator', 'VARCHAR', '生成程序', 'Generator name and version.'),
    c('duckdb_version', 'VARCHAR', 'DuckDB版本', 'DuckDB library version that generated the file.'),
    c('history_start', 'DATE', '历史数据起始日期', 'First day of the two-year fact history.'),
    c(
      'live_start',
      'TIMESTAMP',
      '实时数据起始时间',
      'Where the live simulator continues (the day after as_of, 00:00).',
    ),
  ]),
  table(
    'table_versions',
    'meta',
    '数据表版本',
    'Per-table version, bumped by every change (the live simulator) so servers can watch tables.',
    [
      c('table_name', 'VARCHAR', '表名', 'Table name.'),
      c('version', 'BIGINT', '版本号', 'Starts at 1; incremented on every insert batch.'),
      c('row_count', 'BIGINT', '行数', 'Rows after the last change.'),
      c('updated_at', 'TIMESTAMP', '更新时间', 'Simulated time of the last change.'),
    ],
    ['table_name'],
  ),

  table(
    'dim_province',
    'dimension',
    '省级行政区',
    'The 34 province-level divisions (GB/T 2260).',
    [
      c('province_code', 'VARCHAR', '省级行政区划代码', 'Six-digit GB/T 2260 code, e.g. 330000.'),
      c('province_name', 'VARCHAR', '省级行政区名称', 'Full name, e.g. 浙江省.'),
      c('short_name', 'VARCHAR', '简称', 'Map name, e.g. 浙江.'),
      c('region', 'VARCHAR', '地理分区', 'Geographic region (华东, 华北, …).'),
      c('lon', 'DOUBLE', '经度', 'Label point longitude.'),
      c('lat', 'DOUBLE', '纬度', 'Label point latitude.'),
    ],
    ['province_code'],
  ),
  table(
    'dim_city',
    'dimension',
    '地级行政区',
    'Prefecture-level divisions, municipalities as one city, and province-administered county-level divisions.',
    [
      c('city_code', 'VARCHAR', '地级行政区划代码', 'Six-digit GB/T 2260 code, e.g. 331100.'),
      c('city_name', 'VARCHAR', '地级行政区名称', 'Full name, e.g. 丽水市.'),
      c('province_code', 'VARCHAR', '省级行政区划代码', 'Code of the province.'),
      c('city_kind', 'VARCHAR', '类型', '地级市, 地区, 自治州, 盟, 直辖市 or 省直辖县级行政区.'),
      c('lon', 'DOUBLE', '经度', 'Label point longitude.'),
      c('lat', 'DOUBLE', '纬度', 'Label point latitude.'),
    ],
    ['city_code'],
  ),
  table(
    'dim_date',
    'dimension',
    '日期维度',
    'Every day 2020–2027 with holidays, 调休 and the term calendar.',
    [
      c('date', 'DATE', '日期', 'The day.'),
      c('year', 'INTEGER', '年', 'Calendar year.'),
      c('month', 'INTEGER', '月', 'Month 1–12.'),
      c('day', 'INTEGER', '日', 'Day of month.'),
      c('weekday', 'INTEGER', '星期', 'ISO weekday, 1 = Monday … 7 = Sunday.'),
      c('is_weekend', 'BOOLEAN', '是否周末', 'Saturday or Sunday.'),
      c('is_workday', 'BOOLEAN', '是否工作日', 'Weekday that is not a holiday, or a make-up workday.'),
      c('holiday_name', 'VARCHAR', '节假日名称', 'Holiday the day is off for, else NULL.'),
      c('is_makeup_workday', 'BOOLEAN', '是否调休上班', 'Weekend day worked to make up for a holiday.'),
      c('academic_year', 'VARCHAR', '学年', 'e.g. 2026-2027 (1 September to 31 August).'),
      c('period', 'VARCHAR', '学期阶段', '秋季学期, 寒假, 春季学期 or 暑假.'),
      c('semester_code', 'VARCHAR', '学期代码', 'Semester the day falls in, else NULL.'),
      c('teaching_week', 'INTEGER', '教学周', 'Week of the semester (1-based), else NULL.'),
      c('is_teaching_day', 'BOOLEAN', '是否教学周', 'Inside the teaching weeks of a semester.'),
      c('is_exam_week', 'BOOLEAN', '是否考试周', 'Inside the final examination weeks.'),
    ],
    ['date'],
  ),
  table(
    'dim_holiday',
    'dimension',
    '法定节假日安排',
    'Days off and 调休 make-up workdays per the State Council notices (2027 derived).',
    [
      c('date', 'DATE', '日期', 'The day.'),
      c('year', 'INTEGER', '安排年度', 'Year of the notice.'),
      c('holiday_name', 'VARCHAR', '节假日', 'Holiday the day belongs to.'),
      c('day_kind', 'VARCHAR', '类型', '放假 (day off) or 调休上班 (make-up workday).'),
      c('source', 'VARCHAR', '来源', 'official (State Council notice) or derived (computed, see docs).'),
      c('reference', 'VARCHAR', '依据', 'Notice number or derivation rule.'),
    ],
    ['date'],
  ),
  table(
    'dim_semester',
    'dimension',
    '学期',
    'Semesters of academic years 2019-2020 to 2027-2028.',
    [
      c('semester_code', 'VARCHAR', '学期代码', 'e.g. 2026-2027-1.'),
      c('academic_year', 'VARCHAR', '学年', 'e.g. 2026-2027.'),
      c('term', 'INTEGER', '学期序号', '1 = autumn, 2 = spring.'),
      c('semester_name', 'VARCHAR', '学期名称', 'Chinese name.'),
      c('start_date', 'DATE', '开始日期', 'Monday of week 1.'),
      c('end_date', 'DATE', '结束日期', 'Sunday of the last examination week.'),
      c('weeks', 'INTEGER', '周数', 'Weeks including examinations.'),
      c('teaching_weeks', 'INTEGER', '教学周数', 'Teaching weeks.'),
    ],
    ['semester_code'],
  ),
  table(
    'dim_college',
    'dimension',
    '学院',
    'Colleges (二级学院).',
    [
      c('college_id', 'VARCHAR', '学院代码', 'Two-digit code.'),
      c('college_name', 'VARCHAR', '学院名称', 'Name.'),
    ],
    ['college_id'],
  ),
  table(
    'dim_major',
    'dimension',
    '专业',
    'Majors with Ministry of Education catalogue codes.',
    [
      c(
        'major_code',
        'VARCHAR',
        '专业代码',
        'Catalogue code (本科 6 digits with T/K suffixes, 专科 6 digits, 硕士 4-digit degree code).',
      ),
      c('major_name', 'VARCHAR', '专业名称', 'Name.'),
      c('college_id', 'VARCHAR', '学院代码', 'College.'),
      c('degree_level', 'VARCHAR', '培养层次', '本科, 专科 or 硕士.'),
      c('discipline', 'VARCHAR', '学科门类', 'Discipline or vocational category.'),
      c('years', 'INTEGER', '学制', 'Years of study.'),
      c('first_intake_year', 'INTEGER', '首次招生年份', 'First intake (硕士 from 2023).'),
    ],
    ['major_code'],
  ),
  table(
    'dim_department',
    'dimension',
    '部门',
    'Colleges, offices and service units.',
    [
      c('department_id', 'VARCHAR', '部门代码', 'Three-digit code (1xx colleges, 2xx offices, 3xx units).'),
      c('department_name', 'VARCHAR', '部门名称', 'Name.'),
      c('department_kind', 'VARCHAR', '部门类别', '学院, 党政职能部门 or 直属单位.'),
      c('college_id', 'VARCHAR', '学院代码', 'College for 学院 departments, else NULL.'),
    ],
    ['department_id'],
  ),
  table(
    'dim_building',
    'dimension',
    '建筑',
    'Campus buildings with GeoJSON footprints around the campus origin in 丽水.',
    [
      c('building_id', 'VARCHAR', '建筑编号', 'Code.'),
      c('building_name', 'VARCHAR', '建筑名称', 'Name.'),
      c(
        'building_kind',
        'VARCHAR',
        '建筑类别',
        '教学楼, 实验楼, 图书馆, 行政楼, 学生宿舍, 食堂, 体育馆 or 其他.',
      ),
      c('floors', 'INTEGER', '层数', 'Floors above ground.'),
      c('built_year', 'INTEGER', '建成年份', 'Year completed.'),
      c('floor_area_m2', 'INTEGER', '建筑面积', 'Gross floor area, m².'),
      c('lon', 'DOUBLE', '经度', 'Centre longitude (WGS 84).'),
      c('lat', 'DOUBLE', '纬度', 'Centre latitude (WGS 84).'),
      c('footprint', 'JSON', '轮廓', 'GeoJSON Polygon (RFC 7946 winding).'),
    ],
    ['building_id'],
  ),
  table(
    'dim_access_point',
    'dimension',
    '无线接入点',
    'Wireless access points (AP) by building and floor.',
    [
      c('ap_id', 'VARCHAR', 'AP编号', 'Code.'),
      c('ap_name', 'VARCHAR', 'AP名称', 'Name.'),
      c('building_id', 'VARCHAR', '建筑编号', 'Building.'),
      c('floor', 'INTEGER', '楼层', 'Floor.'),
      c('model', 'VARCHAR', '型号', 'Hardware model.'),
      c('wifi_standard', 'VARCHAR', '无线标准', 'Wi-Fi 5 or Wi-Fi 6.'),
      c('ipv6_enabled', 'BOOLEAN', '是否支持IPv6', 'IPv6 enabled.'),
      c('capacity', 'INTEGER', '设计容量', 'Designed maximum clients.'),
      c(
        'installed_year',
        'INTEGER',
        '安装年份',
        'Year installed (the library and offices were upgraded in 2022).',
      ),
    ],
    ['ap_id'],
  ),
  table(
    'dim_gate',
    'dimension',
    '门禁闸机',
    'Campus gates, library turnstiles and dormitory doors.',
    [
      c('gate_id', 'VARCHAR', '闸机编号', 'Code.'),
      c('gate_name', 'VARCHAR', '闸机名称', 'Name.'),
      c('gate_kind', 'VARCHAR', '闸机类别', '校门, 图书馆闸机 or 宿舍门禁.'),
      c('building_id', 'VARCHAR', '建筑编号', 'Building, NULL for campus gates.'),
    ],
    ['gate_id'],
  ),
  table(
    'dim_service_item',
    'dimension',
    '办事事项',
    'Service items of the online service platform (网上办事/掌上办).',
    [
      c('item_id', 'VARCHAR', '事项编码', 'Code.'),
      c('item_name', 'VARCHAR', '事项名称', 'Name.'),
      c('department_id', 'VARCHAR', '受理部门', 'Department handling it.'),
      c('audience', 'VARCHAR', '服务对象', '学生, 教职工 or 师生.'),
      c('is_instant', 'BOOLEAN', '是否即办件', 'Completed at once.'),
      c('promised_hours', 'INTEGER', '承诺办理时限（小时）', 'Promised processing time.'),
    ],
    ['item_id'],
  ),
  table(
    'dim_book',
    'dimension',
    '馆藏图书',
    'Library holdings (titles) with 中图法 categories.',
    [
      c('book_id', 'VARCHAR', '图书条码', 'Code.'),
      c('title', 'VARCHAR', '题名', 'Title.'),
      c('author', 'VARCHAR', '责任者', 'Author.'),
      c('category_code', 'VARCHAR', '中图法分类', 'Chinese Library Classification top class (A–Z).'),
      c('category_name', 'VARCHAR', '分类名称', 'Class name.'),
      c('publisher', 'VARCHAR', '出版社', 'Publisher.'),
      c('publish_year', 'INTEGER', '出版年', 'Year published.'),
    ],
    ['book_id'],
  ),

  table(
    'students',
    'people',
    '学生',
    "Students: current, suspended and last year's graduates.",
    [
      c('student_id', 'VARCHAR', '学号', 'Enrolment year + college + sequence, 10 digits.'),
      c('name', 'VARCHAR', '姓名', 'Chinese name.'),
      c('gender', 'VARCHAR', '性别', '男 or 女.'),
      c('birth_date', 'DATE', '出生日期', 'Date of birth.'),
      c('ethnicity', 'VARCHAR', '民族', 'Ethnic group.'),
      c('political_status', 'VARCHAR', '政治面貌', 'Political status.'),
      c('college_id', 'VARCHAR', '学院代码', 'College.'),
      c('major_code', 'VARCHAR', '专业代码', 'Major.'),
      c('degree_level', 'VARCHAR', '培养层次', '本科, 专科 or 硕士.'),
      c('enrol_year', 'INTEGER', '入学年份', 'Year of enrolment.'),
      c('grade', 'VARCHAR', '年级', 'e.g. 2024级.'),
      c('class_name', 'VARCHAR', '班级', 'Administrative class.'),
      c('status', 'VARCHAR', '学籍状态', '在读, 休学 or 毕业.'),
      c('origin_province_code', 'VARCHAR', '生源省份代码', 'GB/T 2260 province code.'),
      c('origin_city_code', 'VARCHAR', '生源地市代码', 'GB/T 2260 city code.'),
      c('dorm_building_id', 'VARCHAR', '宿舍楼', 'Dormitory building (NULL after graduation).'),
      c(
        'gpa',
        'DECIMAL(3,2)',
        '平均学分绩点',
        'Credit-weighted grade point average of graded enrolments (5-point scale).',
      ),
    ],
    ['student_id'],
  ),
  table(
    'staff',
    'people',
    '教职工',
    'Faculty and staff.',
    [
      c('staff_id', 'VARCHAR', '工号', 'Staff number.'),
      c('name', 'VARCHAR', '姓名', 'Chinese name.'),
      c('gender', 'VARCHAR', '性别', '男 or 女.'),
      c('birth_year', 'INTEGER', '出生年份', 'Year of birth.'),
      c('department_id', 'VARCHAR', '部门代码', 'Department.'),
      c('category', 'VARCHAR', '人员类别', '专任教师, 管理人员, 教学辅助人员 or 工勤人员.'),
      c('title', 'VARCHAR', '专业技术职务', 'Professional title.'),
      c('title_level', 'VARCHAR', '职称级别', '正高级, 副高级, 中级, 初级 or 技术工人.'),
      c('degree', 'VARCHAR', '最高学位', '博士, 硕士, 学士 or 无.'),
      c('hire_year', 'INTEGER', '入职年份', 'Year hired.'),
      c('status', 'VARCHAR', '在岗状态', '在岗.'),
    ],
    ['staff_id'],
  ),
  table(
    'admissions',
    'people',
    '招生录取',
    'Admissions per year: every admitted applicant, registered or not.',
    [
      c('candidate_id', 'VARCHAR', '考生号', '14-digit examination number.'),
      c('admission_year', 'INTEGER', '录取年份', 'Year.'),
      c('name', 'VARCHAR', '姓名', 'Chinese name.'),
      c('gender', 'VARCHAR', '性别', '男 or 女.'),
      c('origin_province_code', 'VARCHAR', '生源省份代码', 'Province.'),
      c('origin_city_code', 'VARCHAR', '生源地市代码', 'City.'),
      c('college_id', 'VARCHAR', '学院代码', 'College.'),
      c('major_code', 'VARCHAR', '录取专业代码', 'Major.'),
      c('degree_level', 'VARCHAR', '培养层次', '本科, 专科 or 硕士.'),
      c(
        'admission_route',
        'VARCHAR',
        '招生类型',
        '普通类, 三位一体, 艺术类, 体育类, 单考单招, 研究生统考 or 推免.',
      ),
      c('score', 'DECIMAL(5,1)', '投档成绩', 'Score (750 scale for 高考, 500 for 研究生).'),
      c('score_band', 'VARCHAR', '分数段', 'Band of 20 points, e.g. 560-579.'),
      c('registered', 'BOOLEAN', '是否报到', 'Registered (else declined).'),
      c('student_id', 'VARCHAR', '学号', 'Student number if registered.'),
    ],
    ['candidate_id'],
  ),

  table(
    'courses',
    'teaching',
    '课程',
    'Courses: public courses and major courses with a recommended term.',
    [
      c('course_id', 'VARCHAR', '课程代码', 'Code.'),
      c('course_name', 'VARCHAR', '课程名称', 'Name.'),
      c('college_id', 'VARCHAR', '开课学院', 'College teaching it.'),
      c('major_code', 'VARCHAR', '专业代码', 'Major, NULL for public courses.'),
      c('course_type', 'VARCHAR', '课程性质', '公共必修, 专业必修 or 专业选修.'),
      c('credits', 'DECIMAL(3,1)', '学分', 'Credits.'),
      c('hours', 'INTEGER', '学时', 'Contact hours.'),
      c('recommended_term', 'INTEGER', '建议修读学期', 'Term of study (1 = first autumn).'),
    ],
    ['course_id'],
  ),
  table(
    'course_sections',
    'teaching',
    '教学班',
    'Course sections per semester (last four semesters).',
    [
      c('section_id', 'VARCHAR', '教学班代码', 'Semester + course + section number.'),
      c('course_id', 'VARCHAR', '课程代码', 'Course.'),
      c('semester_code', 'VARCHAR', '学期代码', 'Semester.'),
      c('section_no', 'INTEGER', '班号', 'Section number within the course and semester.'),
      c('teacher_id', 'VARCHAR', '任课教师工号', 'Teacher (staff).'),
      c('building_id', 'VARCHAR', '上课教学楼', 'Building.'),
      c('room', 'VARCHAR', '教室', 'Room number.'),
      c('weekday', 'INTEGER', '上课星期', '1–5.'),
      c('start_period', 'INTEGER', '开始节次', 'First period (1–11).'),
    ],
    ['section_id'],
  ),
  table(
    'enrolments',
    'teaching',
    '选课与成绩',
    'Students in sections, with scores once the semester is over.',
    [
      c('section_id', 'VARCHAR', '教学班代码', 'Section.'),
      c('student_id', 'VARCHAR', '学号', 'Student.'),
      c('semester_code', 'VARCHAR', '学期代码', 'Semester.'),
      c('score', 'DECIMAL(4,1)', '总评成绩', 'Final score 0–100, NULL while in progress.'),
      c('grade_point', 'DECIMAL(2,1)', '绩点', '(score − 50) / 10 for passes, 0 for fails.'),
      c('result', 'VARCHAR', '修读结果', '合格, 不及格 or 在修.'),
    ],
    ['section_id', 'student_id'],
  ),

  table(
    'library_loans',
    'fact',
    '图书借还',
    'Library loans and returns over the last two years (RFID self-service and counter).',
    [
      c('loan_id', 'BIGINT', '借阅流水号', 'Sequence.'),
      c('book_id', 'VARCHAR', '图书条码', 'Book.'),
      c('reader_id', 'VARCHAR', '读者证号', 'Student or staff number.'),
      c('reader_type', 'VARCHAR', '读者类型', '学生 or 教职工.'),
      c('category_code', 'VARCHAR', '中图法分类', 'Category of the book.'),
      c('channel', 'VARCHAR', '借阅方式', 'RFID自助借还, 人工借还 or 电子书借阅机.'),
      c('loan_time', 'TIMESTAMP', '借出时间', 'Borrowed at.'),
      c('due_date', 'DATE', '应还日期', 'Due date (30 days students, 60 staff, +30 per renewal).'),
      c('return_time', 'TIMESTAMP', '归还时间', 'Returned at, NULL while on loan.'),
      c('renewals', 'INTEGER', '续借次数', 'Renewals.'),
      c('overdue_days', 'INTEGER', '逾期天数', 'Days returned (or, if still out, held) past the due date.'),
    ],
    ['loan_id'],
  ),
  table(
    'seat_reservations',
    'fact',
    '座位预约',
    'Library seat reservations over the last year, and those already booked for the next day (待使用).',
    [
      c('reservation_id', 'BIGINT', '预约流水号', 'Sequence.'),
      c('student_id', 'VARCHAR', '学号', 'Student.'),
      c('room_name', 'VARCHAR', '阅览室', 'Reading room.'),
      c('seat_no', 'VARCHAR', '座位号', 'Seat.'),
      c('reserve_date', 'DATE', '预约日期', 'Day of use.'),
      c('start_time', 'TIMESTAMP', '开始时间', 'Slot start.'),
      c('end_time', 'TIMESTAMP', '结束时间', 'Slot end.'),
      c('booked_at', 'TIMESTAMP', '预约提交时间', 'When it was booked.'),
      c('channel', 'VARCHAR', '预约渠道', 'PC端 or 移动端.'),
      c('status', 'VARCHAR', '预约状态', '已签到, 违约 (no-show), 已取消 or 待使用.'),
    ],
    ['reservation_id'],
  ),
  table(
    'gate_entries',
    'fact',
    '门禁通行',
    'Gate passages (card, QR code or face — 卡、码、脸合一) over the last 30 days, plus live ones.',
    [
      c('entry_id', 'BIGINT', '通行流水号', 'Sequence.'),
      c('gate_id', 'VARCHAR', '闸机编号', 'Gate.'),
      c('person_id', 'VARCHAR', '人员编号', 'Student or staff number.'),
      c('person_type', 'VARCHAR', '人员类型', '学生 or 教职工.'),
      c('direction', 'VARCHAR', '方向', '进 or 出.'),
      c('method', 'VARCHAR', '认证方式', '刷卡, 刷码 or 刷脸.'),
      c('entry_time', 'TIMESTAMP', '通行时间', 'When.'),
    ],
    ['entry_id'],
  ),
  table(
    'network_samples',
    'fact',
    '无线网络采样',
    'Wireless network samples per AP every 5 minutes over the last 30 days, plus live ones.',
    [
      c('ap_id', 'VARCHAR', 'AP编号', 'Access point.'),
      c('sample_time', 'TIMESTAMP', '采样时间', 'Start of the 5-minute interval.'),
      c('clients', 'INTEGER', '在线终端数', 'Clients associated.'),
      c('ipv6_clients', 'INTEGER', 'IPv6终端数', 'Clients with IPv6 traffic.'),
      c('bytes_in', 'BIGINT', '下行流量（字节）', 'Bytes received by clients in the interval.'),
      c('bytes_out', 'BIGINT', '上行流量（字节）', 'Bytes sent by clients in the interval.'),
      c('ipv6_share', 'DECIMAL(4,3)', 'IPv6流量占比', 'Share of the traffic over IPv6.'),
    ],
    ['ap_id', 'sample_time'],
  ),
  table(
    'service_requests',
    'fact',
    '办事申请',
    'Requests on the online service platform (网上办/掌上办) over the last two years, plus live ones.',
    [
      c('request_id', 'BIGINT', '办件编号', 'Sequence.'),
      c('item_id', 'VARCHAR', '事项编码', 'Service item.'),
      c('department_id', 'VARCHAR', '受理部门', 'Department handling it.'),
      c('applicant_id', 'VARCHAR', '申请人编号', 'Student or staff number.'),
      c('applicant_type', 'VARCHAR', '申请人类型', '学生 or 教职工.'),
      c('channel', 'VARCHAR', '办理渠道', '网上办 (PC) or 掌上办 (mobile).'),
      c('submitted_at', 'TIMESTAMP', '提交时间', 'Submitted.'),
      c('completed_at', 'TIMESTAMP', '办结时间', 'Completed, NULL while open.'),
      c('status', 'VARCHAR', '办理状态', '已办结, 办理中, 已退回 or 已撤销.'),
      c('handle_hours', 'DECIMAL(8,2)', '办理用时（小时）', 'Hours from submission to completion.'),
    ],
    ['request_id'],
  ),
  table(
    'reimbursement_claims',
    'fact',
    '财务报销',
    'Reimbursement claims (财务智能报销 since 2022) over the last two years.',
    [
      c('claim_id', 'BIGINT', '报销单号', 'Sequence.'),
      c('department_id', 'VARCHAR', '部门代码', 'Claiming department.'),
      c('staff_id', 'VARCHAR', '报销人工号', 'Claimant.'),
      c('category', 'VARCHAR', '报销类别', '差旅费, 办公费, 会议费, ….'),
      c('amount', 'DECIMAL(12,2)', '报销金额（元）', 'Amount in yuan.'),
      c('invoice_count', 'INTEGER', '发票张数', 'Invoices attached.'),
      c('channel', 'VARCHAR', '报销方式', '智能报销 or 线下报销.'),
      c('submitted_at', 'TIMESTAMP', '提交时间', 'Submitted.'),
      c('approved_at', 'TIMESTAMP', '审核通过时间', 'Approved, NULL if pending or returned.'),
      c('paid_at', 'TIMESTAMP', '支付时间', 'Paid, NULL if not yet.'),
      c('status', 'VARCHAR', '单据状态', '已支付, 待支付, 审核中 or 已退回.'),
      c('approval_days', 'DECIMAL(6,2)', '审核用时（天）', 'Days from submission to approval.'),
      c(
        'payment_days',
        'DECIMAL(6,2)',
        '报销周期（天）',
        'Days from submission to payment, NULL until paid.',
      ),
    ],
    ['claim_id'],
  ),
  table(
    'research_projects',
    'fact',
    '科研项目',
    'Research projects of the last ten years.',
    [
      c('project_id', 'VARCHAR', '项目编号', 'Code.'),
      c('project_title', 'VARCHAR', '项目名称', 'Title.'),
      c('level', 'VARCHAR', '项目级别', '国家级, 省部级, 厅局级 or 横向.'),
      c('source', 'VARCHAR', '项目来源', 'Funding programme.'),
      c('college_id', 'VARCHAR', '学院代码', 'College.'),
      c('pi_staff_id', 'VARCHAR', '负责人工号', 'Principal investigator.'),
      c('start_year', 'INTEGER', '立项年份', 'Year approved.'),
      c('start_date', 'DATE', '开始日期', 'Start.'),
      c('end_date', 'DATE', '计划结束日期', 'Planned end.'),
      c('funding', 'DECIMAL(10,2)', '合同经费（万元）', 'Funding in 10,000 yuan.'),
      c('status', 'VARCHAR', '项目状态', '在研, 已结题 or 延期.'),
    ],
    ['project_id'],
  ),
];

/** The spec of a table by name. */
export function tableSpec(name: string): TableSpec {
  const spec = tableSpecs.find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`Unknown warehouse table "${name}".`);
  return spec;
}

/** `CREATE TABLE` and `COMMENT ON` statements for a table. */
export function createTableSql(spec: TableSpec): string {
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const columns = spec.columns.map((column) => `  "${column.name}" ${column.type}`);
  // Fact tables are unique on their key by construction (and tested); an enforced key would cost an index
  // over millions of rows at generation and on every live insert.
  if (spec.primaryKey && spec.group !== 'fact') {
    columns.push(`  PRIMARY KEY (${spec.primaryKey.map((name) => `"${name}"`).join(', ')})`);
  }
  return [
    `CREATE TABLE "${spec.name}" (\n${columns.join(',\n')}\n);`,
    `COMMENT ON TABLE "${spec.name}" IS ${quote(`${spec.title}：${spec.description}`)};`,
    ...spec.columns.map(
      (column) =>
        `COMMENT ON COLUMN "${spec.name}"."${column.name}" IS ${quote(`${column.title}：${column.description}`)};`,
    ),
  ].join('\n');
}
